'use strict';
// Tiny Zod look-alike: produces the same issue objects Zod v3 puts in `error.issues`.

const ACCOUNT_ID = /^[0-9a-f]{24}$/i;

function typeOf(value) {
	if (value === undefined) return 'undefined';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
	return typeof value;
}

function invalidType(path, expected, value) {
	const received = typeOf(value);
	return {
		code: 'invalid_type',
		expected,
		received,
		path,
		message: received === 'undefined' ? 'Required' : `Expected ${expected}, received ${received}`,
	};
}

function tooSmall(path, minimum, type) {
	const message =
		type === 'string'
			? `String must contain at least ${minimum} character(s)`
			: `Number must be greater than or equal to ${minimum}`;
	return { code: 'too_small', minimum, type, inclusive: true, exact: false, message, path };
}

function tooBig(path, maximum, type) {
	const message =
		type === 'string'
			? `String must contain at most ${maximum} character(s)`
			: `Number must be less than or equal to ${maximum}`;
	return { code: 'too_big', maximum, type, inclusive: true, exact: false, message, path };
}

function invalidEnum(path, options, value) {
	const expected = options.map((o) => `'${o}'`).join(' | ');
	return {
		code: 'invalid_enum_value',
		options,
		received: value,
		path,
		message: `Invalid enum value. Expected ${expected}, received '${value}'`,
	};
}

function custom(path, message) {
	return { code: 'custom', path, message };
}

function invalidAccountId(path) {
	return { code: 'invalid_string', validation: 'regex', message: 'Invalid accountId', path };
}

/**
 * Checks one string field of an object.
 * spec: { required?, min?, max?, oneOf?, accountId? }
 */
function checkString(source, key, spec) {
	const path = [key];
	const value = source[key];
	if (value === undefined) return spec.required ? [invalidType(path, 'string', value)] : [];
	if (typeof value !== 'string') return [invalidType(path, 'string', value)];
	if (spec.oneOf && !spec.oneOf.includes(value)) return [invalidEnum(path, spec.oneOf, value)];
	if (spec.min !== undefined && value.length < spec.min)
		return [tooSmall(path, spec.min, 'string')];
	if (spec.max !== undefined && value.length > spec.max) return [tooBig(path, spec.max, 'string')];
	if (spec.accountId && !ACCOUNT_ID.test(value)) return [invalidAccountId(path)];
	return [];
}

/** Checks an object against { key: spec } and returns every issue (Zod reports them all). */
function checkObject(source, schema) {
	return Object.entries(schema).flatMap(([key, spec]) => checkString(source, key, spec));
}

/**
 * Checks a numeric query parameter (Zod `z.coerce.number().int().min().max()`).
 * Returns { value, issues }.
 */
function checkQueryInt(query, key, { min, max, fallback }) {
	const raw = query[key];
	if (raw === undefined) return { value: fallback, issues: [] };
	const path = [key];
	const value = raw.trim() === '' ? NaN : Number(raw);
	if (Number.isNaN(value)) return { value, issues: [invalidType(path, 'number', value)] };
	if (!Number.isInteger(value)) {
		return {
			value,
			issues: [
				{
					code: 'invalid_type',
					expected: 'integer',
					received: 'float',
					path,
					message: 'Expected integer, received float',
				},
			],
		};
	}
	if (min !== undefined && value < min) return { value, issues: [tooSmall(path, min, 'number')] };
	if (max !== undefined && value > max) return { value, issues: [tooBig(path, max, 'number')] };
	return { value, issues: [] };
}

module.exports = {
	ACCOUNT_ID,
	typeOf,
	invalidType,
	invalidEnum,
	custom,
	checkString,
	checkObject,
	checkQueryInt,
};
