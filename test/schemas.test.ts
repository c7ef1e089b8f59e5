// The output schemas n8n's editor shows before the first run (`__schema__/v1.0.0/<resource>/<operation>.json` beside
// each node, found by n8n-core's resolveOutputSchemaPath), derived from what every operation and trigger event really
// outputs here: each runs through the engine against the fake API. `npm run schemas` writes them
// (CONNECTSAFELY_WRITE_SCHEMAS=1); otherwise this test fails when a committed schema is stale, missing or extra.
//
// Operations are found in the node's description, so a new one is picked up by itself. Each runs with its defaults,
// fed one item at a time from what the lists output (e.g. an invitation for Accept) until one succeeds; a required
// parameter with an empty default takes its value from SAMPLES (add one there for a new parameter name).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import path from 'path';
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { DEFAULT_SEED, finders, makeConnection, makeProfile, memberIdFor } from '../dev/fake-api';
import { nodeType, PACKAGE_ROOT, runPoll } from './helpers/engine';
import { json, useFakeApi } from './helpers/fixture';
import { schemaOf, type JsonSchema } from '../dev/schema';

const WRITE = process.env.CONNECTSAFELY_WRITE_SCHEMAS === '1';
const VERSION_DIR = 'v1.0.0';
const NODES = path.join(PACKAGE_ROOT, 'nodes');

/** Values for required parameters whose default is empty, by parameter name. */
const SAMPLES: Record<string, unknown> = {
	profile: makeProfile(0).slug,
	text: 'Hello from the schema generator',
	group: finders.GROUP_URL,
	keywords: 'founder',
};
/** Values for parameters that read the incoming item, where no list outputs the field (a post's URL). */
const FIXED: Record<string, unknown> = { postUrl: finders.POST_URL };

const api = useFakeApi();

interface Op {
	resource: string;
	operation: string;
	properties: INodeProperties[];
}

const shown = (p: INodeProperties, values: Record<string, unknown>) =>
	Object.entries(p.displayOptions?.show ?? {}).every(([key, allowed]) =>
		(allowed as unknown[]).includes(values[key]),
	);

async function operations(): Promise<Op[]> {
	const { properties } = (await nodeType('connectSafely')).description;
	const resources = properties.find((p) => p.name === 'resource')!.options as Array<{
		value: string;
	}>;
	return resources.flatMap(({ value: resource }) =>
		properties
			.filter((p) => p.name === 'operation' && shown(p, { resource }))
			.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value))
			.map((operation) => ({
				resource,
				operation,
				properties: properties.filter((p) => shown(p, { resource, operation })),
			})),
	);
}

function parametersOf(op: Op): INodeParameters {
	const parameters: INodeParameters = { resource: op.resource, operation: op.operation };
	for (const p of op.properties) {
		if (p.name in FIXED) parameters[p.name] = FIXED[p.name] as string;
		if (p.default !== '' || (!p.required && !(p.name in SAMPLES))) continue;
		if (!(p.name in SAMPLES))
			throw new Error(
				`${op.resource}/${op.operation}: add a sample value for the required parameter "${p.name}" to SAMPLES in test/schemas.test.ts`,
			);
		parameters[p.name] = SAMPLES[p.name] as string;
	}
	return parameters;
}

/**
 * People by URN only, as finders hand them on (a write outputs other fields for them than for a vanity name): a
 * stranger, a connection, and one the seeded inbox already has a thread with.
 */
const BY_URN: IDataObject[] = [
	{ profileUrn: makeProfile(1).memberUrn },
	...[0, (DEFAULT_SEED.connections as number) - 1].map((i) => ({
		profileUrn: `urn:li:fsd_profile:${memberIdFor(makeConnection(i).vanityName)}`,
	})),
];

/**
 * Output items of every kind of input the operation succeeds with, merged: none, a stranger and a connection by URN,
 * and the first item the lists output that makes it succeed.
 */
async function outputOf(op: Op, lists: IDataObject[][]): Promise<IDataObject[]> {
	const parameters = parametersOf(op);
	const tried: string[] = [];
	const attempt = async (input: IDataObject) => {
		api.api.reset();
		const result = await api.run(parameters, [input], { loader: await api.process() });
		const items = json(result.items).filter((item) => item.error === undefined);
		if (!result.error && items.length > 0 && items.every((i) => i.status !== 'failed'))
			return items;
		tried.push(String(result.error?.message ?? JSON.stringify(result.items[0]?.json)));
		return [];
	};
	const found: IDataObject[] = [];
	for (const input of [{}, ...BY_URN]) found.push(...(await attempt(input)));
	for (const input of lists.flat()) {
		const items = await attempt(input);
		found.push(...items);
		if (items.length > 0) break;
	}
	if (found.length > 0) return found;
	throw new Error(
		`${op.resource}/${op.operation} succeeded with no input: ${tried.slice(0, 3).join(' | ')}`,
	);
}

async function triggerOutputs(): Promise<IDataObject[]> {
	const { properties } = (await nodeType('connectSafelyTrigger')).description;
	const events = properties.find((p) => p.name === 'event')!.options as Array<{ value: string }>;
	const items: IDataObject[] = [];
	for (const { value: event } of events) {
		api.api.reset();
		const result = await runPoll({
			parameters: { event },
			credentials: api.credentials,
			mode: 'manual',
		});
		items.push(...(result.items ?? []).map((item) => item.json));
	}
	return items;
}

/** Every schema file under nodes/<Node>/__schema__/, relative to nodes/. */
function committed(): string[] {
	return readdirSync(NODES).flatMap((node) => {
		const base = path.join(NODES, node, '__schema__');
		if (!existsSync(base)) return [];
		return (readdirSync(base, { recursive: true }) as string[])
			.filter((file) => file.endsWith('.json'))
			.map((file) => path.join(node, '__schema__', file));
	});
}

test('every operation and trigger event has its output schema, derived from a real run', async () => {
	const ops = await operations();
	const schemas = new Map<string, JsonSchema>();
	const isList = (op: Op) => op.properties.some((p) => p.name === 'returnAll');
	const lists: IDataObject[][] = [];
	for (const op of [...ops.filter(isList), ...ops.filter((o) => !isList(o))]) {
		const items = await outputOf(op, lists);
		if (isList(op)) lists.push(items);
		const file = path.join(
			'ConnectSafely',
			'__schema__',
			VERSION_DIR,
			op.resource,
			`${op.operation}.json`,
		);
		schemas.set(file, schemaOf(items));
	}
	// The trigger has no resource or operation: n8n serves `__schema__/v1.0.0.json`, one schema for both events.
	schemas.set(
		path.join('ConnectSafelyTrigger', '__schema__', `${VERSION_DIR}.json`),
		schemaOf(await triggerOutputs()),
	);

	if (WRITE) {
		for (const file of committed()) rmSync(path.join(NODES, file));
		for (const [file, schema] of schemas) {
			const target = path.join(NODES, file);
			mkdirSync(path.dirname(target), { recursive: true });
			writeFileSync(target, `${JSON.stringify(schema, null, '\t')}\n`); // scripts/schemas.js runs prettier
		}
	}
	expect(committed().sort()).toEqual([...schemas.keys()].sort());
	for (const [file, schema] of schemas) {
		const saved: unknown = JSON.parse(readFileSync(path.join(NODES, file), 'utf8'));
		expect({ file, schema: saved }).toEqual({ file, schema });
	}
});
