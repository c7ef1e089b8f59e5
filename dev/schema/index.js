// JSON schemas from example values, and the check that a value fits one: what test/schemas.test.ts writes as the
// nodes' output schemas (from real output items) and what the e2e checks n8n's served schemas against.
'use strict';

const typeOf = (value) =>
	value === null
		? 'null'
		: Array.isArray(value)
			? 'array'
			: Number.isInteger(value)
				? 'integer'
				: typeof value;

/** The schema of every value given (at least one): merged types, object properties, array items. */
function schemaOfAll(values) {
	const types = [...new Set(values.map(typeOf))];
	// An integer beside a fraction is a number.
	const merged = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
	const schema = { type: merged.length === 1 ? merged[0] : merged.sort() };
	const objects = values.filter((v) => typeOf(v) === 'object');
	if (objects.length > 0) {
		const keys = [...new Set(objects.flatMap(Object.keys))].sort();
		schema.properties = Object.fromEntries(
			keys.map((key) => [key, schemaOfAll(objects.filter((o) => key in o).map((o) => o[key]))]),
		);
		const required = keys.filter((key) => objects.every((o) => key in o));
		if (required.length > 0) schema.required = required;
	}
	const elements = values.filter(Array.isArray).flat();
	if (elements.length > 0) schema.items = schemaOfAll(elements);
	return schema;
}

/** The schema of output items (their json): an object schema, as n8n's editor expects. */
function schemaOf(items) {
	if (items.length === 0) throw new Error('a schema needs at least one item');
	return schemaOfAll(items);
}

/**
 * Where `value` does not fit `schema` (JSON Schema's meaning: required properties present, declared ones of their type,
 * others allowed): a list of '$.path: problem'; [] when it fits.
 */
function mismatches(schema, value, at = '$') {
	const types = [].concat(schema.type);
	const type = typeOf(value);
	if (!types.includes(type) && !(type === 'integer' && types.includes('number')))
		return [`${at}: ${type}, the schema says ${types.join(' or ')}`];
	const problems = [];
	if (type === 'object') {
		for (const key of schema.required || [])
			if (!(key in value)) problems.push(`${at}.${key}: missing`);
		for (const [key, child] of Object.entries(value)) {
			const sub = schema.properties && schema.properties[key];
			if (sub) problems.push(...mismatches(sub, child, `${at}.${key}`));
		}
	}
	if (type === 'array' && schema.items)
		value.forEach((element, i) =>
			problems.push(...mismatches(schema.items, element, `${at}[${i}]`)),
		);
	return problems;
}

module.exports = { schemaOf, mismatches };
