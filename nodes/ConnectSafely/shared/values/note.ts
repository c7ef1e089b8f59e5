import { typeName } from './text';

export type LongMessagePolicy = 'error' | 'truncate' | 'omit';

export type FittedMessage =
	| { message?: string; truncated: boolean; omitted: boolean; length: number }
	| { problem: string; hint: string };

export const MAX_MESSAGE_LIMIT = 300;

// ConnectSafely validates the note with Zod, which counts UTF-16 units: an emoji counts twice there.
export const API_MAX_UNITS = 300;

const LIMIT_HINT =
	'Set Note Limit to a whole number from 1 to 300: LinkedIn allows notes of up to 300 characters on premium accounts and 200 on free accounts.';

const TRAILING_JUNK = /[\s,;:\-–—([{/\\&+|·•]+$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function countCharacters(text: string): number {
	return Array.from(text).length;
}

/** The longest start of `text` of at most `limit` characters that cuts no emoji sequence or accented letter apart. */
function hardCut(text: string, limit: number): string {
	let kept = '';
	let count = 0;
	for (const { segment } of graphemes.segment(text)) {
		const size = countCharacters(segment);
		if (count + size > limit) break;
		kept += segment;
		count += size;
	}
	return kept !== '' ? kept : Array.from(text).slice(0, limit).join('');
}

function truncateAtWord(text: string, limit: number): string {
	const chars = Array.from(text);
	let boundary = -1;
	for (let i = Math.min(limit, chars.length - 1); i > 0; i--) {
		if (/\s/u.test(chars[i])) {
			boundary = i;
			break;
		}
	}
	const raw = boundary >= limit / 2 ? chars.slice(0, boundary).join('') : hardCut(text, limit);
	const cleaned = raw.replace(TRAILING_JUNK, '');
	return cleaned === '' ? raw.trimEnd() : cleaned;
}

/** Why Note Limit or On Long Note cannot be used, if they cannot. */
function optionsProblem(limit: number, policy: LongMessagePolicy): FittedMessage | undefined {
	if (
		typeof limit !== 'number' ||
		!Number.isInteger(limit) ||
		limit < 1 ||
		limit > MAX_MESSAGE_LIMIT
	) {
		return {
			problem: `Note Limit must be a whole number from 1 to ${MAX_MESSAGE_LIMIT}, but is ${String(limit)}`,
			hint: LIMIT_HINT,
		};
	}
	if (policy !== 'error' && policy !== 'truncate' && policy !== 'omit') {
		return {
			problem: `On Long Note must be Fail the Item, Truncate or Send Without Note, but is ${JSON.stringify(policy)}`,
			hint: 'Choose one of the listed options for On Long Note.',
		};
	}
	return undefined;
}

export function fitMessage(
	message: unknown,
	limit: number,
	policy: LongMessagePolicy,
): FittedMessage {
	const problem = optionsProblem(limit, policy);
	if (problem) return problem;
	if (message === undefined || message === null) {
		return { message: undefined, truncated: false, omitted: false, length: 0 };
	}
	if (typeof message !== 'string') {
		return {
			problem: `The note expects text, got ${typeName(message)}`,
			hint: 'An expression probably points at the wrong field: point Note at a text field, or leave it empty to send the request without a note.',
		};
	}

	const text = message.trim();
	const length = countCharacters(text);
	if (length === 0) return { message: undefined, truncated: false, omitted: false, length: 0 };
	if (length <= limit && text.length <= API_MAX_UNITS) {
		return { message: text, truncated: false, omitted: false, length };
	}

	if (policy === 'omit') return { message: undefined, truncated: false, omitted: true, length: 0 };
	if (policy === 'truncate') {
		let fitted = truncateAtWord(text, limit);
		for (let cut = limit - 1; fitted.length > API_MAX_UNITS && cut > 0; cut--)
			fitted = truncateAtWord(text, cut);
		return { message: fitted, truncated: true, omitted: false, length: countCharacters(fitted) };
	}
	if (length <= limit) {
		return {
			problem: `The note is ${length} characters long but ${text.length} UTF-16 units; ConnectSafely accepts at most ${API_MAX_UNITS} units (emoji and some symbols count twice)`,
			hint: 'Shorten the note or use fewer emoji, or set On Long Note to Truncate or Send Without Note.',
		};
	}
	const raise =
		limit < MAX_MESSAGE_LIMIT
			? `, raise Note Limit (premium accounts allow up to ${MAX_MESSAGE_LIMIT}; free accounts 200)`
			: '';
	return {
		problem: `The note is ${length} characters long; the limit is ${limit}`,
		hint: `Shorten the note${raise}, or set On Long Note to Truncate or Send Without Note.`,
	};
}
