import { ageInDays, estimateDate } from '../../nodes/ConnectSafely/shared/values/dates';

const NOW = new Date('2026-04-15T12:34:56.789Z');

describe('estimateDate: relative LinkedIn texts', () => {
	it.each([
		['just now', '2026-04-15T12:34:56.789Z'],
		['now', '2026-04-15T12:34:56.789Z'],
		['today', '2026-04-15T12:34:56.789Z'],
		['Today', '2026-04-15T12:34:56.789Z'],
		['moments ago', '2026-04-15T12:34:56.789Z'],
		['yesterday', '2026-04-14T12:34:56.789Z'],
		['Yesterday', '2026-04-14T12:34:56.789Z'],
		['30 seconds ago', '2026-04-15T12:34:26.789Z'],
		['1 second ago', '2026-04-15T12:34:55.789Z'],
		['5 minutes ago', '2026-04-15T12:29:56.789Z'],
		['a minute ago', '2026-04-15T12:33:56.789Z'],
		['1 minute ago', '2026-04-15T12:33:56.789Z'],
		['an hour ago', '2026-04-15T11:34:56.789Z'],
		['3 hours ago', '2026-04-15T09:34:56.789Z'],
		['1 hour ago', '2026-04-15T11:34:56.789Z'],
		['a day ago', '2026-04-14T12:34:56.789Z'],
		['2 days ago', '2026-04-13T12:34:56.789Z'],
		['1 week ago', '2026-04-08T12:34:56.789Z'],
		['a week ago', '2026-04-08T12:34:56.789Z'],
		['2 weeks ago', '2026-04-01T12:34:56.789Z'],
		['3 weeks ago', '2026-03-25T12:34:56.789Z'],
		['a month ago', '2026-03-15T12:34:56.789Z'],
		['1 month ago', '2026-03-15T12:34:56.789Z'],
		['5 months ago', '2025-11-15T12:34:56.789Z'],
		['a year ago', '2025-04-15T12:34:56.789Z'],
		['2 years ago', '2024-04-15T12:34:56.789Z'],
		['2 yrs ago', '2024-04-15T12:34:56.789Z'],
		['1 yr ago', '2025-04-15T12:34:56.789Z'],
		['3h', '2026-04-15T09:34:56.789Z'],
		['45m', '2026-04-15T11:49:56.789Z'],
		['10s', '2026-04-15T12:34:46.789Z'],
		['2d', '2026-04-13T12:34:56.789Z'],
		['1w', '2026-04-08T12:34:56.789Z'],
		['5mo', '2025-11-15T12:34:56.789Z'],
		['1yr', '2025-04-15T12:34:56.789Z'],
		['2y', '2024-04-15T12:34:56.789Z'],
		['3 hrs', '2026-04-15T09:34:56.789Z'],
		['2 wks ago', '2026-04-01T12:34:56.789Z'],
		['Sent 2 days ago', '2026-04-13T12:34:56.789Z'],
		['Sent today', '2026-04-15T12:34:56.789Z'],
		['Sent yesterday', '2026-04-14T12:34:56.789Z'],
		['Received 1 week ago', '2026-04-08T12:34:56.789Z'],
		['SENT 3 WEEKS AGO', '2026-03-25T12:34:56.789Z'],
		['  2   days    ago  ', '2026-04-13T12:34:56.789Z'],
		['2\u00a0days\u00a0ago', '2026-04-13T12:34:56.789Z'],
		['0 days ago', '2026-04-15T12:34:56.789Z'],
	])('%p', (text, expected) => {
		expect(estimateDate(text, NOW)).toBe(expected);
	});

	it('subtracts calendar months, clamping to the end of shorter months', () => {
		const endOfMarch = new Date('2026-03-31T08:00:00.000Z');
		expect(estimateDate('1 month ago', endOfMarch)).toBe('2026-02-28T08:00:00.000Z');
		expect(estimateDate('13 months ago', endOfMarch)).toBe('2025-02-28T08:00:00.000Z');
		expect(estimateDate('1 month ago', new Date('2024-03-31T00:00:00.000Z'))).toBe(
			'2024-02-29T00:00:00.000Z',
		);
		expect(estimateDate('3 months ago', new Date('2026-01-15T00:00:00.000Z'))).toBe(
			'2025-10-15T00:00:00.000Z',
		);
		expect(estimateDate('12 months ago', new Date('2026-01-15T00:00:00.000Z'))).toBe(
			'2025-01-15T00:00:00.000Z',
		);
	});

	it('subtracts calendar years, clamping 29 February', () => {
		expect(estimateDate('1 year ago', new Date('2024-02-29T10:00:00.000Z'))).toBe(
			'2023-02-28T10:00:00.000Z',
		);
		expect(estimateDate('4 years ago', new Date('2024-02-29T10:00:00.000Z'))).toBe(
			'2020-02-29T10:00:00.000Z',
		);
	});

	it('uses UTC for month arithmetic regardless of the time of day', () => {
		expect(estimateDate('1 month ago', new Date('2026-03-01T00:30:00.000Z'))).toBe(
			'2026-02-01T00:30:00.000Z',
		);
	});
});

describe('estimateDate: absolute values', () => {
	it.each([
		['2026-04-01T10:00:00.000Z', '2026-04-01T10:00:00.000Z'],
		['2026-04-01T10:00:00Z', '2026-04-01T10:00:00.000Z'],
		['2026-04-01T10:00Z', '2026-04-01T10:00:00.000Z'],
		['2026-04-01T12:00:00+02:00', '2026-04-01T10:00:00.000Z'],
		['2026-04-01T12:00:00+0200', '2026-04-01T10:00:00.000Z'],
		['2026-04-01T10:00:00', '2026-04-01T10:00:00.000Z'],
		['2026-04-01 10:00:00', '2026-04-01T10:00:00.000Z'],
		['2026-04-01', '2026-04-01T00:00:00.000Z'],
		[' 2026-04-01T10:00:00.5Z ', '2026-04-01T10:00:00.500Z'],
		['Connected on Feb 15, 2024', '2024-02-15T00:00:00.000Z'],
		['connected on February 5, 2024', '2024-02-05T00:00:00.000Z'],
		['Feb 29, 2024', '2024-02-29T00:00:00.000Z'],
	])('%p', (text, expected) => {
		expect(estimateDate(text, NOW)).toBe(expected);
	});

	it('passes epoch milliseconds through as ISO', () => {
		expect(estimateDate(Date.UTC(2026, 3, 1, 10), NOW)).toBe('2026-04-01T10:00:00.000Z');
		expect(estimateDate(0, NOW)).toBe('1970-01-01T00:00:00.000Z');
	});

	it('accepts a Date object', () => {
		expect(estimateDate(new Date('2026-04-01T10:00:00Z'), NOW)).toBe('2026-04-01T10:00:00.000Z');
	});
});

describe('estimateDate: unparseable input', () => {
	it.each([
		[''],
		['   '],
		['soon'],
		['last week'],
		['a few days ago'],
		['2 fortnights ago'],
		['5 constructor ago'],
		['5 toString ago'],
		['ages ago'],
		['2026-02-30'],
		['2026-13-01'],
		['Feb 30, 2024'],
		['Foo 3, 2024'],
		['2026-04-01T25:00:00Z'],
		['1712345678901'],
		['in 2 days'],
		['-2 days ago'],
		['2.5 days ago'],
		['amin ago'],
		[Number.NaN],
		[Number.POSITIVE_INFINITY],
		[8.64e15 + 1],
		[null],
		[undefined],
		[{ sentAt: '2 days ago' }],
		[['2 days ago']],
		[true],
		[new Date('invalid')],
	])('%p → undefined', (value) => {
		expect(estimateDate(value, NOW)).toBeUndefined();
	});

	it('returns undefined for relative text when now is invalid', () => {
		expect(estimateDate('2 days ago', new Date('invalid'))).toBeUndefined();
	});
});

describe('ageInDays', () => {
	it('counts calendar days (UTC) between the date and now, whatever the hour', () => {
		expect(ageInDays('2026-04-01T12:34:56.789Z', NOW)).toBe(14);
		expect(ageInDays('2026-04-15T00:34:56.789Z', NOW)).toBe(0);
		expect(ageInDays('2026-04-14T23:59:59.999Z', NOW)).toBe(1);
		expect(ageInDays('2026-04-16T12:34:56.789Z', NOW)).toBe(-1);
	});

	it('a date-only Monday is 7 days old on the next Monday at 10:00, and at 23:59', () => {
		const monday = estimateDate('Connected on Apr 13, 2026', NOW) as string;
		expect(ageInDays(monday, new Date('2026-04-20T10:00:00Z'))).toBe(7);
		expect(ageInDays(monday, new Date('2026-04-20T23:59:59Z'))).toBe(7);
		expect(ageInDays(monday, new Date('2026-04-21T00:00:00Z'))).toBe(8);
	});

	it('round-trips with estimateDate', () => {
		expect(ageInDays(estimateDate('3 weeks ago', NOW) as string, NOW)).toBe(21);
		expect(ageInDays(estimateDate('yesterday', NOW) as string, NOW)).toBe(1);
		expect(ageInDays(estimateDate('1 month ago', NOW) as string, NOW)).toBe(31);
	});

	it('reads date-only and offset-less values as UTC', () => {
		expect(ageInDays('2026-04-14', NOW)).toBe(1);
		expect(ageInDays('2026-04-14T12:34:56.789', NOW)).toBe(1);
	});

	it('is NaN for an unparseable value, so age comparisons are false', () => {
		expect(ageInDays('not a date', NOW)).toBeNaN();
		expect(ageInDays('not a date', NOW) >= 0).toBe(false);
	});
});
