// The shape ARCHITECTURE.md promises, checked on the shipped source: small files and functions, no barrels, the
// folders of shared/ in one direction, and Send Request's short way to its POST (measured on the built package).
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import ts from 'typescript';

import { makeConnection, makeProfile } from '../dev/fake-api';
import { PACKAGE_ROOT } from './helpers/engine';
import { useFakeApi } from './helpers/fixture';
import { instrumentedPackage, pathTo } from './helpers/hops';

const SHIPPED = ['nodes', 'credentials'];
const SHARED = path.join('nodes', 'ConnectSafely', 'shared');
/** shared/'s folders, each importing only from those before it. */
const LAYERS = ['values', 'errors', 'request', 'write', 'descriptions'];

function sources(dir: string): string[] {
	return readdirSync(path.join(PACKAGE_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(relative);
		return entry.name.endsWith('.ts') ? [relative] : [];
	});
}

const files = SHIPPED.flatMap(sources);
const parsed = files.map((file) => {
	const text = readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
	return { file, text, source: ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true) };
});

function imports(source: ts.SourceFile): string[] {
	return source.statements.flatMap((statement) =>
		(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
		statement.moduleSpecifier &&
		ts.isStringLiteral(statement.moduleSpecifier)
			? [statement.moduleSpecifier.text]
			: [],
	);
}

function functionsOf(source: ts.SourceFile): Array<{ name: string; lines: number }> {
	const found: Array<{ name: string; lines: number }> = [];
	const visit = (node: ts.Node): void => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
			const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
			const name = node.name?.getText() ?? `(anonymous at line ${start + 1})`;
			found.push({ name, lines: end - start + 1 });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('the shipped source', () => {
	test('no file is longer than 300 lines', () => {
		const long = parsed
			.map(({ file, text }) => ({ file, lines: text.split('\n').length }))
			.filter(({ lines }) => lines > 300);
		expect(long).toEqual([]);
	});

	test('no function is longer than 60 lines', () => {
		const long = parsed.flatMap(({ file, source }) =>
			functionsOf(source)
				.filter(({ lines }) => lines > 60)
				.map(({ name, lines }) => `${file} ${name}: ${lines}`),
		);
		expect(long).toEqual([]);
	});

	test('no barrel: nothing re-exports another module', () => {
		const barrels = parsed.filter(({ source }) =>
			source.statements.some((s) => ts.isExportDeclaration(s) && s.moduleSpecifier),
		);
		expect(barrels.map(({ file }) => file)).toEqual([]);
	});

	test('shared/ is layered: values ← errors ← request ← write ← descriptions, and never imports a node or resource', () => {
		const wrong: string[] = [];
		for (const { file, source } of parsed.filter(({ file }) => file.startsWith(SHARED))) {
			const layer = LAYERS.indexOf(file.slice(SHARED.length + 1).split(path.sep)[0]);
			expect(layer).toBeGreaterThanOrEqual(0);
			for (const specifier of imports(source).filter((s) => s.startsWith('.'))) {
				const target = path.join(path.dirname(file), specifier);
				const targetLayer = LAYERS.indexOf(target.slice(SHARED.length + 1).split(path.sep)[0]);
				if (!target.startsWith(SHARED) || targetLayer < 0 || targetLayer > layer)
					wrong.push(`${file} → ${specifier}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	test('the trigger and the credential use shared/ only (the trigger also the invitation categories)', () => {
		const outside = parsed
			.filter(({ file }) => !file.startsWith(path.join('nodes', 'ConnectSafely')))
			.flatMap(({ file, source }) =>
				imports(source)
					.filter((s) => s.startsWith('.'))
					.map((s) => path.join(path.dirname(file), s))
					.filter(
						(target) =>
							!target.startsWith(SHARED) &&
							!target.startsWith(path.join('nodes', 'ConnectSafelyTrigger')) &&
							target !==
								path.join('nodes', 'ConnectSafely', 'resources', 'invitation', 'getReceived'),
					)
					.map((target) => `${file} → ${target}`),
			);
		expect(outside).toEqual([]);
	});
});

/** The hops of the first request `match` finds while `run` runs, printed and held to the layout's bounds. */
async function expectShortWay(
	label: string,
	match: (r: { method?: string; url?: string }) => boolean,
	run: (loader: Awaited<ReturnType<typeof instrumentedPackage>>) => Promise<unknown>,
) {
	const loader = await instrumentedPackage();
	const found = await pathTo(match, async () => await run(loader));
	expect(found).toBeDefined();
	const visits = found!.hops
		.map((hop) => hop.split(' → ')[1])
		.filter((file, i, all) => i === 0 || all[i - 1] !== file);
	if (process.env.CONNECTSAFELY_HOPS) process.stdout.write(`${found!.hops.join('\n')}\n`);
	process.stdout.write(
		`${label}: ${found!.hops.length} calls between files, ${visits.length} file visits, ${found!.files.length} files, ${found!.frames.length} package frames at the POST\n`,
	);
	expect(found!.hops.length).toBeLessThanOrEqual(46);
	expect(visits.length).toBeLessThanOrEqual(45);
	expect(found!.files.length).toBeLessThanOrEqual(19);
	expect(found!.frames.length).toBeLessThanOrEqual(5);
}

describe('the way from the node to a write’s POST', () => {
	const f = useFakeApi();

	// The quota read-out (GET /account/{id}/quota, once per account and run) goes first: 9 of the calls (37 before it).
	// The run and its turns (request/run.ts) are one file of their own since reads that spend a quota take turns too.
	test('Send Request: at most 46 calls from one package file into another (109 before this layout), 45 file visits (75), 19 files, 5 package frames at the POST', async () => {
		await expectShortWay(
			'Send Request → POST /connect',
			(request) => request.method === 'POST' && String(request.url).endsWith('/connect'),
			async (loader) =>
				await f.run(
					{ resource: 'connection', operation: 'sendRequest', profile: makeProfile(3).slug },
					[{}],
					{ loader },
				),
		);
	});

	test('Message → Send: the same bounds', async () => {
		await expectShortWay(
			'Message → Send → POST',
			(request) =>
				request.method === 'POST' && /\/(?:message|conversations\/send)$/.test(String(request.url)),
			async (loader) =>
				await f.run(
					{ resource: 'message', operation: 'send', text: 'Hi' },
					[{ ...makeConnection(2) }],
					{
						loader,
					},
				),
		);
	});
});
