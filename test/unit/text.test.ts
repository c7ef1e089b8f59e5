import { isObject, shorten, typeName } from '../../nodes/ConnectSafely/shared/values/text';

describe('typeName', () => {
	it.each([
		[null, 'null', 'null'],
		[[], 'an array', 'an array with 0 elements'],
		[['a'], 'an array', 'an array with 1 element'],
		[[1, 2], 'an array', 'an array with 2 elements'],
		[{}, 'an object', 'an empty object'],
		[{ firstName: 'Ann', url: 'x' }, 'an object', 'an object with the fields firstName, url'],
		[42, 'a number (42)', 'a number (42)'],
		[true, 'a boolean (true)', 'a boolean (true)'],
		[BigInt(7), 'a bigint (7)', 'a bigint (7)'],
		['text', 'a string', 'a string'],
		[undefined, 'undefined', 'undefined'],
	])('%p is "%s" (detailed: "%s")', (value, plain, detailed) => {
		expect(typeName(value)).toBe(plain);
		expect(typeName(value, true)).toBe(detailed);
	});

	it('shortens a long list of field names to 60 characters', () => {
		const value = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`field${i}`, i]));
		const named = typeName(value, true);
		expect(named.startsWith('an object with the fields field0, field1, ')).toBe(true);
		expect(Array.from(named.slice('an object with the fields '.length))).toHaveLength(60);
		expect(named.endsWith('…')).toBe(true);
	});
});

describe('isObject and shorten', () => {
	it.each([
		[{}, true],
		[{ a: 1 }, true],
		[[], false],
		[null, false],
		['{}', false],
	])('isObject(%p) is %p', (value, expected) => {
		expect(isObject(value)).toBe(expected);
	});

	it('cuts at code points and marks the cut', () => {
		expect(shorten('abcdef', 6)).toBe('abcdef');
		expect(shorten('abcdefg', 6)).toBe('abcde…');
		expect(shorten('😀😀😀😀', 3)).toBe('😀😀…');
	});
});
