// Reading ConnectSafely's answers: its error text (error/message fields, Zod issues), never markup, and its headers.
import { isObject, shorten } from '../values/text';

/** An answer as the request path returns it: status, headers and the parsed (or raw) body. */
export interface ApiResponseLike {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

export type Json = Record<string, unknown>;

interface ParsedBody {
	json?: Json;
	nonJson: boolean;
	text?: string;
}

const MAX_TEXT = 300;

export function tryJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

export function looksLikeMarkup(text: string): boolean {
	return /<\s*(?:!doctype|\/?[a-z][a-z0-9-]*(?:\s|>|\/))/i.test(text);
}

export function parseBody(body: unknown): ParsedBody {
	if (isObject(body)) return { json: body, nonJson: false };
	if (typeof body !== 'string') return { nonJson: false };
	const trimmed = body.trim();
	if (trimmed === '') return { nonJson: false };
	const parsed = tryJson(trimmed);
	if (isObject(parsed)) return { json: parsed, nonJson: false };
	const text = typeof parsed === 'string' ? parsed.trim() : trimmed;
	// Short plain-text bodies (e.g. "Unauthorized") are safe to quote; markup never is.
	if (text !== '' && !looksLikeMarkup(text) && Array.from(text).length <= 120 && !/\n/.test(text)) {
		return { nonJson: false, text };
	}
	return { nonJson: text !== '' };
}

function issuesOf(json: Json): unknown[] | undefined {
	if (Array.isArray(json.issues)) return json.issues;
	const error = json.error;
	if (isObject(error)) {
		if (Array.isArray(error.issues)) return error.issues;
		if (typeof error.message === 'string') {
			const fromMessage = tryJson(error.message);
			if (Array.isArray(fromMessage)) return fromMessage;
		}
	}
	return undefined;
}

function issuePath(issue: unknown): string {
	if (!isObject(issue) || !Array.isArray(issue.path)) return '';
	return issue.path
		.filter((part) => typeof part === 'string' || typeof part === 'number')
		.map(String)
		.join('.');
}

export function zodIssueFields(body: unknown): string[] {
	const { json } = parseBody(body);
	const issues = json ? issuesOf(json) : undefined;
	if (!issues) return [];
	const fields: string[] = [];
	for (const issue of issues) {
		const path = issuePath(issue);
		if (path !== '' && !fields.includes(path)) fields.push(path);
	}
	return fields;
}

function zodText(json: Json): string | undefined {
	const issues = issuesOf(json);
	if (!issues || issues.length === 0) return undefined;
	const parts = issues.slice(0, 5).map((issue) => {
		const path = issuePath(issue);
		const message =
			isObject(issue) && typeof issue.message === 'string' ? issue.message : 'invalid';
		return path === '' ? message : `${path} – ${message}`;
	});
	if (issues.length > 5) parts.push(`and ${issues.length - 5} more`);
	return parts.join('; ');
}

export function apiText(json: Json): string | undefined {
	const fromZod = zodText(json);
	if (fromZod !== undefined) return fromZod;
	const error = json.error;
	if (typeof error === 'string' && error.trim() !== '') return error.trim();
	if (isObject(error) && typeof error.message === 'string' && error.message.trim() !== '') {
		return error.message.trim();
	}
	if (typeof json.message === 'string' && json.message.trim() !== '') return json.message.trim();
	if (typeof json.code === 'string' && json.code.trim() !== '') return json.code.trim();
	return undefined;
}

/** ConnectSafely's own error text in a body (its error/message fields or Zod issues), never markup. */
export function apiErrorText(body: unknown): string | undefined {
	const parsed = parseBody(body);
	const text = parsed.json ? apiText(parsed.json) : parsed.text;
	return text !== undefined && !looksLikeMarkup(text) ? text : undefined;
}

/** A text as a message may quote it: bearer tokens out, white space folded, at most MAX_TEXT characters. */
export function clean(text: string): string {
	const redacted = text.replace(/bearer\s+[^\s"',;]+/gi, 'Bearer [redacted]').replace(/\s+/g, ' ');
	return shorten(redacted, MAX_TEXT);
}

export function header(headers: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	const first = Array.isArray(value) ? value[0] : value;
	if (typeof first === 'number') return String(first);
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** Epoch seconds or milliseconds as an ISO instant; anything else as it is. */
export function normalizeInstant(value: string): string {
	if (/^\d+(?:\.\d+)?$/.test(value)) {
		const number = Number(value);
		const ms = number >= 1e12 ? number : number * 1000;
		const date = new Date(ms);
		return Number.isNaN(date.getTime()) || number < 1e9 ? value : date.toISOString();
	}
	return value;
}
