const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const DAY_MS = 24 * HOUR;
const DAY = DAY_MS;

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const UNITS: Record<string, Unit> = {
	s: 'second',
	sec: 'second',
	secs: 'second',
	second: 'second',
	seconds: 'second',
	m: 'minute',
	min: 'minute',
	mins: 'minute',
	minute: 'minute',
	minutes: 'minute',
	h: 'hour',
	hr: 'hour',
	hrs: 'hour',
	hour: 'hour',
	hours: 'hour',
	d: 'day',
	day: 'day',
	days: 'day',
	w: 'week',
	wk: 'week',
	wks: 'week',
	week: 'week',
	weeks: 'week',
	mo: 'month',
	mos: 'month',
	month: 'month',
	months: 'month',
	y: 'year',
	yr: 'year',
	yrs: 'year',
	year: 'year',
	years: 'year',
};

const FIXED_MS: Partial<Record<Unit, number>> = {
	second: SECOND,
	minute: MINUTE,
	hour: HOUR,
	day: DAY,
	week: 7 * DAY,
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function subtractMonths(now: Date, months: number): Date {
	const total = now.getUTCFullYear() * 12 + now.getUTCMonth() - months;
	const year = Math.floor(total / 12);
	const month = total - year * 12;
	const result = new Date(now.getTime());
	// Clamp the day so that e.g. 31 March minus one month is 28/29 February, not 2/3 March.
	result.setUTCFullYear(year, month, Math.min(now.getUTCDate(), daysInMonth(year, month)));
	return result;
}

function toIso(ms: number): string | undefined {
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function validCalendarDate(year: number, month: number, day: number): boolean {
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month - 1);
}

function parseIso(text: string): number | undefined {
	const match =
		/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$/i.exec(
			text,
		);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second, fraction, zone] = match;
	if (!validCalendarDate(Number(year), Number(month), Number(day))) return undefined;
	if (hour === undefined) return Date.UTC(Number(year), Number(month) - 1, Number(day));
	let offset = 'Z';
	if (zone !== undefined && zone.toUpperCase() !== 'Z') {
		offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
	}
	// Without an offset the text is read as UTC so the result does not depend on the server's time zone.
	const ms = Date.parse(
		`${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${fraction ?? ''}${offset}`,
	);
	return Number.isNaN(ms) ? undefined : ms;
}

function parseMonthDayYear(text: string): number | undefined {
	const match = /^(?:connected on\s+)?([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
	if (!match) return undefined;
	const month = MONTHS.indexOf(match[1]);
	const day = Number(match[2]);
	const year = Number(match[3]);
	if (month < 0 || !validCalendarDate(year, month + 1, day)) return undefined;
	return Date.UTC(year, month, day);
}

function parseRelative(text: string, now: Date): number | undefined {
	const phrase = text.replace(/^(?:sent|received)\s+/, '');
	if (['just now', 'now', 'today', 'moments ago', 'a moment ago'].includes(phrase))
		return now.getTime();
	if (phrase === 'yesterday') return now.getTime() - DAY;

	const match = /^(?:(\d+)\s*|an?\s+)([a-z]+)\.?(?:\s+ago)?$/.exec(phrase);
	if (!match) return undefined;
	const unit = Object.hasOwn(UNITS, match[2]) ? UNITS[match[2]] : undefined;
	if (unit === undefined) return undefined;
	const amount = match[1] === undefined ? 1 : Number(match[1]);

	const fixed = FIXED_MS[unit];
	if (fixed !== undefined) return now.getTime() - amount * fixed;
	return subtractMonths(now, unit === 'year' ? amount * 12 : amount).getTime();
}

export function estimateDate(relative: unknown, now: Date): string | undefined {
	if (typeof relative === 'number') return Number.isFinite(relative) ? toIso(relative) : undefined;
	if (relative instanceof Date) return toIso(relative.getTime());
	if (typeof relative !== 'string' || Number.isNaN(now.getTime())) return undefined;

	const trimmed = relative.trim();
	const iso = parseIso(trimmed);
	if (iso !== undefined) return toIso(iso);

	const text = trimmed.toLowerCase().replace(/\s+/g, ' ');
	const ms = parseRelative(text, now) ?? parseMonthDayYear(text);
	return ms === undefined ? undefined : toIso(ms);
}

function utcDay(ms: number): number {
	return Math.floor(ms / DAY);
}

/**
 * Calendar days (UTC) from the date to now: every "within / older than N days" filter counts these, since LinkedIn
 * gives some dates only to the day ("Connected on Feb 15, 2024"). Monday to the next Monday is 7, whatever the hour.
 */
export function ageInDays(iso: string, now: Date): number {
	const ms = parseIso(iso.trim()) ?? Date.parse(iso);
	return utcDay(now.getTime()) - utcDay(ms);
}
