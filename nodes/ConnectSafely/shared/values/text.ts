// Small pure helpers shared by the node and the trigger (types only from n8n, so they stay unit-testable).
import type { IDataObject } from 'n8n-workflow';

/** A JSON object (not null, not an array), typed as n8n's items and bodies are. */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** At most `max` characters (code points), with "…" when cut. */
export function shorten(text: string, max: number): string {
	const chars = Array.from(text);
	return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
}

/** A value of the wrong type as an error names it: "an object", "a number (42)"; `detail` adds sizes and field names. */
export function typeName(value: unknown, detail = false): string {
	if (value === null || value === undefined) return String(value);
	if (Array.isArray(value)) {
		if (!detail) return 'an array';
		return `an array with ${value.length} element${value.length === 1 ? '' : 's'}`;
	}
	if (typeof value === 'object') {
		if (!detail) return 'an object';
		const keys = Object.keys(value);
		return keys.length === 0
			? 'an empty object'
			: `an object with the fields ${shorten(keys.join(', '), 60)}`;
	}
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return `a ${typeof value} (${String(value)})`;
	return `a ${typeof value}`;
}
