// Small pure helpers shared by the node and the trigger (no n8n imports, so the trigger's state stays unit-testable).

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** At most `max` characters (code points), with "…" when cut. */
export function shorten(text: string, max: number): string {
	const chars = Array.from(text);
	return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
}
