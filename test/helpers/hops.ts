// Measures how a request travels through the package: a copy of dist/ whose every function first reports itself,
// loaded as n8n loads a package. A hop is a call from a function of one package file into a function of another;
// at the request's start (Node's http.request) the hops so far and the package frames on the stack are taken.
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import ts from 'typescript';

import { PackageDirectoryLoader } from 'n8n-core';

import { PACKAGE_ROOT } from './engine';

const REPORT = '__connectSafelyHop';
const REQUEST = '__connectSafelyRequest';

interface Recorder {
	on: boolean;
	hops: string[];
}

const recorder: Recorder = { on: false, hops: [] };

function frameFile(line: string | undefined): string | undefined {
	const match = line && /\(?((?:\/|[A-Za-z]:\\)[^():]+\.js):\d+:\d+\)?$/.exec(line.trim());
	return match?.[1];
}

(globalThis as Record<string, unknown>)[REPORT] = (file: string) => {
	if (!recorder.on) return;
	const frames = (new Error().stack ?? '').split('\n').slice(1);
	// frames[0]: this function; [1]: the function that reported; [2]: its caller.
	const caller = frameFile(frames[2]);
	if (caller !== undefined && caller !== file && caller.includes(`${path.sep}dist${path.sep}`)) {
		recorder.hops.push(`${short(caller)} → ${short(file)}`);
	}
};

interface Sent {
	options: { method?: string; url?: string };
	hops: string[];
	frames: string[];
}

const sent: Sent[] = [];

// Called with the request options as the package hands them to n8n's httpRequestWithAuthentication.
(globalThis as Record<string, unknown>)[REQUEST] = (options: Sent['options']) => {
	if (recorder.on) {
		const frames = (new Error().stack ?? '')
			.split('\n')
			.slice(2)
			.map((line) => frameFile(line))
			.filter((file): file is string => file?.includes(`${path.sep}connectsafely-hops-`) === true)
			.map(short);
		sent.push({ options, hops: [...recorder.hops], frames });
	}
	return options;
};

function short(file: string): string {
	return file.slice(file.lastIndexOf(`${path.sep}dist${path.sep}`) + 6);
}

function instrument(source: string, fileName: string): string {
	const file = ts.createSourceFile(
		fileName,
		source,
		ts.ScriptTarget.ES2022,
		true,
		ts.ScriptKind.JS,
	);
	const edits: Array<{ at: number; text: string }> = [];
	const call = `globalThis.${REPORT}(__filename)`;
	const visit = (node: ts.Node): void => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const body = node.body as ts.Node;
			if (ts.isBlock(body)) edits.push({ at: body.getStart() + 1, text: `${call};` });
			else {
				edits.push({ at: body.getStart(), text: `(${call}, ` });
				edits.push({ at: body.getEnd(), text: ')' });
			}
		}
		if (
			ts.isCallExpression(node) &&
			/helpers\.httpRequestWithAuthentication(?:\.call)?$/.test(node.expression.getText())
		) {
			const last = node.arguments[node.arguments.length - 1];
			edits.push({ at: last.getStart(), text: `globalThis.${REQUEST}(` });
			edits.push({ at: last.getEnd(), text: ')' });
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	edits.sort((a, b) => b.at - a.at);
	let text = source;
	for (const edit of edits) text = text.slice(0, edit.at) + edit.text + text.slice(edit.at);
	return text;
}

function instrumentTree(dir: string): void {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) instrumentTree(full);
		else if (entry.name.endsWith('.js'))
			writeFileSync(full, instrument(readFileSync(full, 'utf8'), full));
	}
}

/** The built package, every function instrumented, as another n8n process would load it. */
export async function instrumentedPackage(): Promise<PackageDirectoryLoader> {
	const root = mkdtempSync(path.join(tmpdir(), 'connectsafely-hops-'));
	cpSync(path.join(PACKAGE_ROOT, 'dist'), path.join(root, 'dist'), { recursive: true });
	cpSync(path.join(PACKAGE_ROOT, 'package.json'), path.join(root, 'package.json'));
	symlinkSync(path.join(PACKAGE_ROOT, 'node_modules'), path.join(root, 'node_modules'));
	instrumentTree(path.join(root, 'dist'));
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	return loader;
}

export interface PathAtRequest {
	/** "file → file" for each call into another package file, in order, until the request started. */
	hops: string[];
	/** The package files those calls went through. */
	files: string[];
	/** Frames of package files on the stack (async frames included) when the request started. */
	frames: string[];
}

/** Records the hops while `run` runs: the path to the first request the package hands to n8n that `isTarget` picks. */
export async function pathTo(
	isTarget: (options: { method?: string; url?: string }) => boolean,
	run: () => Promise<unknown>,
): Promise<PathAtRequest | undefined> {
	sent.length = 0;
	recorder.hops = [];
	recorder.on = true;
	try {
		await run();
	} finally {
		recorder.on = false;
	}
	const found = sent.find((request) => isTarget(request.options));
	if (!found) return undefined;
	const files = [...new Set(found.hops.flatMap((hop) => hop.split(' → ')))];
	return { hops: found.hops, files, frames: found.frames };
}
