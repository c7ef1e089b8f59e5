import { countCharacters, fitMessage } from '../../nodes/ConnectSafely/shared/values/note';

const LIMIT_HINT =
	'Set Note Limit to a whole number from 1 to 300: LinkedIn allows notes of up to 300 characters on premium accounts and 200 on free accounts.';

function fitted(message: unknown, limit: number, policy: 'error' | 'truncate' | 'omit') {
	const result = fitMessage(message, limit, policy);
	if ('problem' in result) throw new Error(`unexpected problem: ${result.problem}`);
	return result;
}

describe('countCharacters', () => {
	it.each([
		['', 0],
		['hello', 5],
		['jörg', 4],
		['😀', 1],
		['😀😀 hi', 5],
		['👨‍👩‍👧', 5],
		['e\u0301', 2],
		['李小龙', 3],
		['𝒳𝒴', 2],
	])('%p has %d code points', (text, expected) => {
		expect(countCharacters(text)).toBe(expected);
	});
});

describe('fitMessage: empty and short messages', () => {
	it.each([[undefined], [null], [''], ['   '], ['\n\t ']])('%p → no note', (value) => {
		for (const policy of ['error', 'truncate', 'omit'] as const) {
			expect(fitMessage(value, 300, policy)).toEqual({
				message: undefined,
				truncated: false,
				omitted: false,
				length: 0,
			});
		}
	});

	it('keeps a message within the limit, trimmed', () => {
		expect(fitMessage('  Hi Ann, great talk!  \n', 300, 'error')).toEqual({
			message: 'Hi Ann, great talk!',
			truncated: false,
			omitted: false,
			length: 19,
		});
	});

	it('keeps a message of exactly the limit', () => {
		const text = 'a'.repeat(300);
		expect(fitMessage(text, 300, 'error')).toEqual({
			message: text,
			truncated: false,
			omitted: false,
			length: 300,
		});
	});

	it('counts emoji as one character each', () => {
		const text = 'a'.repeat(150) + '😀'.repeat(50);
		expect(text.length).toBe(250);
		expect(fitMessage(text, 200, 'error')).toEqual({
			message: text,
			truncated: false,
			omitted: false,
			length: 200,
		});
	});

	it('also keeps the API cap of 300 UTF-16 units (emoji count twice there)', () => {
		const text = '😀'.repeat(200);
		expect(fitMessage(text, 300, 'error')).toEqual({
			problem:
				'The note is 200 characters long but 400 UTF-16 units; ConnectSafely accepts at most 300 units (emoji and some symbols count twice)',
			hint: 'Shorten the note or use fewer emoji, or set On Long Note to Truncate or Send Without Note.',
		});
		expect(fitMessage(text, 300, 'omit')).toEqual({
			message: undefined,
			truncated: false,
			omitted: true,
			length: 0,
		});
		expect(fitMessage(text, 300, 'truncate')).toEqual({
			message: '😀'.repeat(150),
			truncated: true,
			omitted: false,
			length: 150,
		});
	});

	it('measures after trimming', () => {
		expect(fitMessage('  ' + 'a'.repeat(10) + '  ', 10, 'error')).toEqual({
			message: 'a'.repeat(10),
			truncated: false,
			omitted: false,
			length: 10,
		});
	});
});

describe('fitMessage: non-text and invalid settings', () => {
	it.each([
		[42, 'a number (42)'],
		[true, 'a boolean (true)'],
		[{ text: 'hi' }, 'an object'],
		[['hi'], 'an array'],
	])('rejects %p', (value, type) => {
		expect(fitMessage(value, 300, 'truncate')).toEqual({
			problem: `The note expects text, got ${type}`,
			hint: 'An expression probably points at the wrong field: point Note at a text field, or leave it empty to send the request without a note.',
		});
	});

	it.each([[0], [-1], [301], [1000], [12.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
		'rejects the limit %p',
		(limit) => {
			expect(fitMessage('hello', limit, 'error')).toEqual({
				problem: `Note Limit must be a whole number from 1 to 300, but is ${String(limit)}`,
				hint: LIMIT_HINT,
			});
		},
	);

	it('rejects a non-number limit', () => {
		expect(fitMessage('hello', '200' as unknown as number, 'error')).toEqual({
			problem: 'Note Limit must be a whole number from 1 to 300, but is 200',
			hint: LIMIT_HINT,
		});
	});

	it('accepts the limits 1, 200 and 300', () => {
		expect(fitted('a', 1, 'error').message).toBe('a');
		expect(fitted('a', 200, 'error').message).toBe('a');
		expect(fitted('a', 300, 'error').message).toBe('a');
	});

	it('rejects an unknown policy', () => {
		expect(fitMessage('hello', 300, 'shorten' as 'error')).toEqual({
			problem:
				'On Long Note must be Fail the Item, Truncate or Send Without Note, but is "shorten"',
			hint: 'Choose one of the listed options for On Long Note.',
		});
	});
});

describe('fitMessage: long messages', () => {
	const long = 'word '.repeat(68).trim() + ' end';

	it('errors with the length and the limit (limit 300)', () => {
		const text = 'x'.repeat(342);
		expect(fitMessage(text, 300, 'error')).toEqual({
			problem: 'The note is 342 characters long; the limit is 300',
			hint: 'Shorten the note, or set On Long Note to Truncate or Send Without Note.',
		});
	});

	it('errors and suggests raising the limit when below 300', () => {
		expect(fitMessage('x'.repeat(250), 200, 'error')).toEqual({
			problem: 'The note is 250 characters long; the limit is 200',
			hint: 'Shorten the note, raise Note Limit (premium accounts allow up to 300; free accounts 200), or set On Long Note to Truncate or Send Without Note.',
		});
	});

	it('counts code points in the error', () => {
		expect(fitMessage('😀'.repeat(201), 200, 'error')).toMatchObject({
			problem: 'The note is 201 characters long; the limit is 200',
		});
	});

	it('omits the note', () => {
		expect(fitMessage(long, 200, 'omit')).toEqual({
			message: undefined,
			truncated: false,
			omitted: true,
			length: 0,
		});
	});

	it('truncates at the last word boundary', () => {
		expect(fitMessage('Hello there my friend', 14, 'truncate')).toEqual({
			message: 'Hello there my',
			truncated: true,
			omitted: false,
			length: 14,
		});
		expect(fitMessage('Hello there my friend', 13, 'truncate')).toEqual({
			message: 'Hello there',
			truncated: true,
			omitted: false,
			length: 11,
		});
	});

	it('truncates a long note to whole words within the limit', () => {
		const result = fitted(long, 200, 'truncate');
		expect(result.message).toBe('word '.repeat(40).trim());
		expect(result.length).toBe(199);
		expect(result.truncated).toBe(true);
	});

	it('drops trailing punctuation and whitespace at the cut', () => {
		expect(fitted('Hi Ann, thanks for the talk, it was great', 29, 'truncate').message).toBe(
			'Hi Ann, thanks for the talk',
		);
		expect(fitted('Hi Ann - thanks - great talk', 17, 'truncate').message).toBe('Hi Ann - thanks');
		expect(fitted('Topics: AI; data; more things here', 18, 'truncate').message).toBe(
			'Topics: AI; data',
		);
	});

	it('keeps sentence-ending punctuation at the cut', () => {
		expect(fitted('Great talk. Let us connect soon', 14, 'truncate').message).toBe('Great talk.');
	});

	it('hard-cuts when no word boundary is in the second half', () => {
		expect(fitted('Hi ' + 'x'.repeat(50), 20, 'truncate')).toEqual({
			message: 'Hi ' + 'x'.repeat(17),
			truncated: true,
			omitted: false,
			length: 20,
		});
		expect(fitted('x'.repeat(500), 300, 'truncate').message).toBe('x'.repeat(300));
	});

	it('uses a boundary exactly in the middle', () => {
		expect(fitted('aaaaa bbbbbbbbbbbbbbb', 10, 'truncate').message).toBe('aaaaa');
	});

	it('never splits a surrogate pair', () => {
		const result = fitted('😀'.repeat(250), 120, 'truncate');
		expect(result.message).toBe('😀'.repeat(120));
		expect(result.length).toBe(120);
		expect(result.message?.length).toBe(240);
		expect(/[\uD800-\uDBFF]$/.test(result.message ?? '')).toBe(false);
	});

	it('does not leave half of a ZWJ emoji sequence or a dangling combining mark', () => {
		const family = '👨‍👩‍👧';
		expect(fitted('x'.repeat(8) + family + 'yyyy', 11, 'truncate').message).toBe('x'.repeat(8));
		expect(fitted('x'.repeat(9) + 'e\u0301' + 'zzzz', 10, 'truncate').message).toBe('x'.repeat(9));
	});

	it('never returns more than the limit', () => {
		const samples = [
			long,
			'😀 '.repeat(300),
			'a, '.repeat(200),
			'Ünïcödé wörds ' + 'ü'.repeat(400),
			'x'.repeat(299) + ' y',
			'x'.repeat(301),
		];
		for (const sample of samples) {
			for (const limit of [1, 2, 7, 50, 199, 200, 300]) {
				const result = fitted(sample, limit, 'truncate');
				expect(result.truncated).toBe(true);
				expect(countCharacters(result.message ?? '')).toBeLessThanOrEqual(limit);
				expect(result.length).toBe(countCharacters(result.message ?? ''));
				expect((result.message ?? '').length).toBeGreaterThan(0);
			}
		}
	});

	it('keeps the hard cut when only punctuation is left', () => {
		expect(fitted(',,,,,,,,,,,,', 5, 'truncate').message).toBe(',,,,,');
	});

	it('treats whitespace at the limit as a boundary', () => {
		expect(fitted('abcde fghij', 5, 'truncate').message).toBe('abcde');
	});
});
