import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

// n8n writes its instance settings into the user folder: a fresh one for each test file, removed afterwards.
const userFolder = mkdtempSync(path.join(tmpdir(), 'connectsafely-n8n-'));
process.env.N8N_USER_FOLDER = userFolder;
afterAll(() => rmSync(userFolder, { recursive: true, force: true }));

// n8n-core up to 1.9x (the n8n 1.85 floor included) exports its own Logger; later ones take it from @n8n/backend-common.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Logger: abstract new (...args: never[]) => unknown =
	require('n8n-core').Logger ?? require('@n8n/backend-common').Logger;
import { Container } from '@n8n/di';
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	PollContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	LoggerProxy,
	Workflow,
	type IConnections,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

/** Everything n8n and the nodes log through LoggerProxy during the tests, as text. */
export const logs: string[] = [];

const capture =
	(level: string) =>
	(message: string, meta?: object): void => {
		logs.push(
			`${level} ${message} ${meta ? JSON.stringify(meta, (_key, value) => (value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value)) : ''}`,
		);
	};

const captureLogger = {
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	verbose: capture('verbose'),
	scoped: () => captureLogger,
};

LoggerProxy.init(captureLogger as never);
// n8n's own DI Logger re-initializes LoggerProxy when first created: give the container the capturing one.
Container.set(Logger as never, captureLogger as never);

export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-connectsafely';

export interface TestCredentials extends ICredentialDataDecryptedObject {
	apiKey: string;
	baseUrl: string;
}

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

export function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return loaderPromise;
}

/**
 * The built package as a second n8n process would load it: a copy of dist/ under a new path, so its modules (pacing,
 * holds and people remembered process-wide) start empty, while n8n-workflow and n8n-core stay the same instances.
 */
export async function freshPackage(): Promise<PackageDirectoryLoader> {
	const root = mkdtempSync(path.join(userFolder, 'process-'));
	cpSync(path.join(PACKAGE_ROOT, 'dist'), path.join(root, 'dist'), { recursive: true });
	cpSync(path.join(PACKAGE_ROOT, 'package.json'), path.join(root, 'package.json'));
	symlinkSync(path.join(PACKAGE_ROOT, 'node_modules'), path.join(root, 'node_modules'));
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	freshPackageLoaded?.(loader);
	return loader;
}

let freshPackageLoaded: ((loader: PackageDirectoryLoader) => void) | undefined;

/** Called with every copy freshPackage() loads: test/helpers/fixture.ts gives it the tests' clock. */
export function onFreshPackage(hook: (loader: PackageDirectoryLoader) => void): void {
	freshPackageLoaded = hook;
}

export async function credentialType(name = 'connectSafelyOutreachApi'): Promise<ICredentialType> {
	const loader = await loadPackage();
	return loader.credentialTypes[name].type;
}

export async function nodeType(name: string): Promise<INodeType> {
	const loader = await loadPackage();
	return loader.nodeTypes[name].type as INodeType;
}

class Types implements INodeTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	private short(name: string): string {
		return name.startsWith(`${PACKAGE_NAME}.`) ? name.slice(PACKAGE_NAME.length + 1) : name;
	}

	getByName(name: string) {
		if (name === PREDECESSOR_TYPE) return predecessorType;
		return this.loader.nodeTypes[this.short(name)].type;
	}

	getByNameAndVersion(name: string) {
		if (name === PREDECESSOR_TYPE) return predecessorType;
		return asInN8n(this.loader.nodeTypes[this.short(name)].type as INodeType);
	}

	getKnownTypes() {
		return {};
	}
}

/**
 * What n8n's own NodeTypes does with a declarative node (n8n/dist/node-types.js, 1.x and 2.x): it gives it an
 * `execute` that runs RoutingNode, so the engine runs it like any node, with the execution's cancel signal.
 */
function asInN8n(type: INodeType): INodeType {
	const declarative = type.description.requestDefaults !== undefined;
	if (
		type.execute ||
		type.poll ||
		type.trigger ||
		type.supplyData ||
		(type.methods && !declarative)
	)
		return type;
	type.execute = async function (this: IExecuteFunctions) {
		return (await new RoutingNode(this as never, type).runNode()) ?? [];
	};
	return type;
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentials: TestCredentials,
		private readonly type: ICredentialType,
	) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	// n8n's CLI applies a credential's generic `authenticate` block; do the same here.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.type.authenticate;
		if (!authenticate || typeof authenticate === 'function' || authenticate.type !== 'generic') {
			throw new Error('the test helper only applies generic authentication');
		}
		const resolve = (value: string) =>
			workflow && node
				? String(
						workflow.expression.getSimpleParameterValue(node, value, 'internal', {
							$credentials: credentials,
						}),
					)
				: value;
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		for (const [key, value] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[resolve(key)] = resolve(String(value));
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		return { ...this.credentials };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(): INodeProperties[] {
		return this.type.properties;
	}
}

function additionalDataFor(
	credentials: TestCredentials,
	type: ICredentialType,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials, type),
		hooks,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		variables: {},
		logAiEvent: () => {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	type?: string;
	parameters: INodeParameters;
	input?: Array<IDataObject | INodeExecutionData | object>;
	credentials: TestCredentials;
	continueOnFail?: boolean;
	name?: string;
	/** The package copy to run (a "process", see freshPackage); the shared one by default. */
	loader?: PackageDirectoryLoader;
	/** The workflow's static data as n8n loads it before the execution; it is changed in place, as n8n does. */
	staticData?: IDataObject;
	/** 'manual' by default; n8n saves static data only after other modes (trigger, cli, webhook, …). */
	mode?: WorkflowExecuteMode;
	/** Called once the execution runs, with what n8n calls when it is stopped (the editor's Stop, a timeout). */
	onStart?: (stop: () => void) => void;
	/** See PredecessorOptions: the node behind a predecessor node, and its On Error setting. */
	wiring?: PredecessorOptions;
}

// ---- Harness: a predecessor node and On Error (see runNode's `wiring`) ----

/**
 * How users wire the node: behind another node (n8n then knows each input item's source, and "Continue (using error
 * output)" merges the input item into an error item paired to it), with its On Error setting.
 */
export interface PredecessorOptions {
	/** Run the input through a node before this one (named `Input`), as a Manual Trigger → Set would. */
	predecessor?: boolean;
	/** The node's On Error setting; overrides `continueOnFail`. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export const PREDECESSOR_NAME = 'Input';
const PREDECESSOR_TYPE = 'test.input';

/** A node that passes its input on, each item paired to itself: a stand-in for n8n's Set or Code node. */
const predecessorType: INodeType = {
	description: {
		displayName: 'Input',
		name: PREDECESSOR_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Passes its input on',
		defaults: { name: PREDECESSOR_NAME },
		inputs: ['main' as never],
		outputs: ['main' as never],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [
			this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } })),
		];
	},
};

function predecessorNode(): INode {
	return {
		id: 'predecessor',
		name: PREDECESSOR_NAME,
		type: PREDECESSOR_TYPE,
		typeVersion: 1,
		position: [-200, 0],
		parameters: {},
	};
}

function onErrorOf(options: RunNodeOptions): INode['onError'] | undefined {
	if (options.wiring?.onError) return options.wiring.onError;
	return options.continueOnFail ? 'continueRegularOutput' : undefined;
}

// ---- end of the predecessor block ----

export interface RunNodeResult {
	items: INodeExecutionData[];
	error?: Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
	logs: string[];
	/** Every main output of the node (with On Error → Continue (using error output), the last is the error output). */
	outputs: INodeExecutionData[][];
	/** The static data after the execution, as plain JSON, and whether n8n would save it (changed, non-manual run). */
	staticData: IDataObject;
	staticDataSaved: boolean;
}

function asItem(entry: IDataObject | INodeExecutionData | object): INodeExecutionData {
	return 'json' in entry && typeof entry.json === 'object'
		? (entry as INodeExecutionData)
		: { json: entry as IDataObject };
}

const CREDENTIALS: INode['credentials'] = {
	connectSafelyOutreachApi: { id: 'cred-1', name: 'ConnectSafely test' },
};

/** A test workflow's nodes and wiring, as n8n stores a workflow. */
interface WorkflowSpec {
	nodes: INode[];
	connections: IConnections;
	active: boolean;
	staticData?: IDataObject;
	settings?: IWorkflowSettings;
}

function workflowFrom(spec: WorkflowSpec, nodeTypes: INodeTypes): Workflow {
	return new Workflow({
		id: 'test-workflow',
		name: 'test',
		...spec,
		nodeTypes,
		settings: spec.settings ?? {},
	});
}

/** An execution of `spec` as n8n starts one: its lifecycle hooks, the test credentials, `input` for `first`. */
async function executionOf(
	spec: WorkflowSpec,
	run: {
		first: INode;
		input: INodeExecutionData[];
		mode: WorkflowExecuteMode;
		credentials: TestCredentials;
		executionId?: string;
	},
): Promise<WorkflowExecute> {
	const hooks = new ExecutionLifecycleHooks(run.mode, 'exec-1', {
		id: 'test-workflow',
		name: 'test',
		nodes: spec.nodes,
		connections: spec.connections,
		active: spec.active,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = additionalDataFor(run.credentials, await credentialType(), hooks);
	if (run.executionId !== undefined) additionalData.executionId = run.executionId;
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: run.first, data: { main: [run.input] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
	return new WorkflowExecute(additionalData, run.mode, runExecutionData);
}

/** One node of this package, alone in a workflow (or behind `before`), as the engine sees it in n8n. */
function workflowOf(
	loader: PackageDirectoryLoader,
	node: Pick<INode, 'id' | 'name' | 'type' | 'parameters' | 'onError'>,
	workflow: { active: boolean; staticData?: IDataObject; before?: INode },
): { node: INode; workflow: Workflow; nodeTypes: Types; spec: WorkflowSpec } {
	const nodeTypes = new Types(loader);
	const full: INode = { ...node, typeVersion: 1, position: [0, 0], credentials: CREDENTIALS };
	const { before, ...rest } = workflow;
	const spec: WorkflowSpec = {
		...rest,
		nodes: before ? [before, full] : [full],
		connections: before
			? { [before.name]: { main: [[{ node: full.name, type: 'main' as never, index: 0 }]] } }
			: {},
	};
	return { node: full, nodeTypes, spec, workflow: workflowFrom(spec, nodeTypes) };
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const loader = options.loader ?? (await loadPackage());
	const name = options.name ?? 'ConnectSafely';
	const { node, workflow, spec } = workflowOf(
		loader,
		{
			id: 'node-under-test',
			name,
			type: `${PACKAGE_NAME}.${options.type ?? 'connectSafely'}`,
			parameters: options.parameters,
			...(onErrorOf(options) ? { onError: onErrorOf(options) } : {}),
		},
		{
			active: false,
			staticData: options.staticData,
			before: options.wiring?.predecessor ? predecessorNode() : undefined,
		},
	);
	const first = options.wiring?.predecessor ? predecessorNode() : node;
	const mode = options.mode ?? 'manual';
	const execute = await executionOf(spec, {
		first,
		input: (options.input ?? [{}]).map(asItem),
		mode,
		credentials: options.credentials,
	});
	const logStart = logs.length;
	const run = await (async () => {
		const running = execute.processRunExecutionData(workflow);
		options.onStart?.(() => running.cancel());
		return await running;
	})().catch((error: Error & { issues?: string[] }) => {
		// n8n 1.x refuses a node with parameter issues without naming them: attach the ones its own check found.
		if (error.message === WORKFLOW_HAS_ISSUES_1X) {
			const found = execute.checkReadyForExecution(workflow, { startNode: name }) ?? {};
			error.issues = Object.values(found).flatMap((issues) =>
				Object.values(issues.parameters ?? {}).flat(),
			);
		}
		throw error;
	});
	const taskData = run.data.resultData.runData[name]?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as RunNodeResult['error'];
	const staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	const staticDataSaved =
		mode !== 'manual' && (workflow.staticData as IDataObject).__dataChanged === true;
	return {
		items: taskData?.data?.main?.[0] ?? [],
		outputs: (taskData?.data?.main ?? []).map((output) => output ?? []),
		error,
		logs: logs.slice(logStart),
		staticData,
		staticDataSaved,
	};
}

/** All n8n 1.x says when its engine refuses to run a node with parameter issues; 2.x names the issues instead. */
export const WORKFLOW_HAS_ISSUES_1X =
	'The workflow has issues and cannot be executed for that reason. Please fix them first.';

/**
 * Expects n8n's engine to refuse the run over `issue`, a parameter issue as the editor shows it (n8n's own
 * 'Parameter "X" is required', or a validation message of the node): n8n 2.x names it in its error; n8n 1.x says
 * WORKFLOW_HAS_ISSUES_1X, and the issue must be one its check found (n8n 1.x ends its own sentences with a period).
 */
export async function expectRefusal(run: Promise<unknown>, issue: string): Promise<void> {
	const error = (await run.then(
		() => new Error('the engine ran the node'),
		(e: Error) => e,
	)) as Error & { issues?: string[] };
	if (error.message === WORKFLOW_HAS_ISSUES_1X) {
		expect(error.issues?.map((found) => (found === `${issue}.` ? issue : found))).toContain(issue);
	} else {
		expect(error.message).toContain(issue);
	}
}

export interface PollOptions {
	parameters: INodeParameters;
	credentials: TestCredentials;
	staticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
	name?: string;
	/** The n8n "process" to poll in (freshPackage()); default the package loaded once. */
	loader?: PackageDirectoryLoader;
}

export interface PollResult {
	items: INodeExecutionData[] | null;
	/** The whole workflow static data after the poll (the node's part is under `node:<node name>`). */
	staticData: IDataObject;
	/** The node's own static data (what `getWorkflowStaticData('node')` returned), as plain JSON. */
	nodeStaticData: IDataObject;
	/** What was logged during this poll (see `logs`). */
	logs: string[];
}

export async function runPoll(options: PollOptions): Promise<PollResult> {
	const { node, workflow, nodeTypes } = workflowOf(
		options.loader ?? (await loadPackage()),
		{
			id: 'trigger-under-test',
			name: options.name ?? 'ConnectSafely Trigger',
			type: `${PACKAGE_NAME}.connectSafelyTrigger`,
			parameters: options.parameters,
		},
		{ active: true, staticData: options.staticData ?? {} },
	);
	const additionalData = additionalDataFor(options.credentials, await credentialType());
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		options.activation ?? 'init',
	);
	const type = nodeTypes.getByNameAndVersion(node.type);
	const logStart = logs.length;
	const result = await type.poll!.call(context);
	const nodeStaticData = workflow.staticData[`node:${node.name}`];
	return {
		items: result ? result[0] : null,
		staticData: workflow.staticData as IDataObject,
		nodeStaticData:
			nodeStaticData === undefined
				? {}
				: (JSON.parse(JSON.stringify(nodeStaticData)) as IDataObject),
		logs: logs.slice(logStart),
	};
}

export interface ListSearchOptions {
	/** Node type without the package prefix. Default 'connectSafely'. */
	type?: string;
	method: string;
	filter?: string;
	credentials: TestCredentials;
	parameters?: INodeParameters;
}

/** Runs a node's listSearch method (e.g. the LinkedIn Account picker) as the editor UI does. */
export async function runListSearch(
	options: ListSearchOptions,
): Promise<INodeListSearchResult & { logs: string[] }> {
	const { node, workflow, nodeTypes } = workflowOf(
		await loadPackage(),
		{
			id: 'list-search-under-test',
			name: 'ConnectSafely',
			type: `${PACKAGE_NAME}.${options.type ?? 'connectSafely'}`,
			parameters: options.parameters ?? {},
		},
		{ active: false },
	);
	const additionalData = additionalDataFor(options.credentials, await credentialType());
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.accountId');
	const method = nodeTypes.getByNameAndVersion(node.type).methods?.listSearch?.[options.method];
	if (!method) throw new Error(`no listSearch method ${options.method}`);
	const logStart = logs.length;
	const result = await method.call(context, options.filter);
	return { ...result, logs: logs.slice(logStart) };
}

// ---- Tool calls: the node as an AI agent's tool, the two ways n8n-core runs one ----

/** One call the (scripted) model makes: the tool node's name and the arguments it gives. */
export interface ToolCall {
	tool: string;
	args: IDataObject;
}

/** A ConnectSafely tool node the agent has: its name and parameters (`$fromAI(...)` where the model fills them). */
export interface ToolNode {
	name: string;
	parameters: INodeParameters;
	/** The node's Retry On Fail (n8n-core's in-process invocation retries the call itself). */
	retryOnFail?: boolean;
	/** The node's On Error: a failed call's error as the tool's item instead of a thrown error. */
	onError?: 'continueRegularOutput';
}

/**
 * - `inProcess`: the agent calls `getInputConnectionData(ai_tool)` and invokes the tools it gets, one `execute` of the
 *   tool per call with the agent's execute data (n8n-core's `makeHandleToolInvocation`: every n8n 1.x agent, and
 *   AI Agent versions before the Tools Agent V3 on 2.x).
 * - `engineRequest`: the agent returns an engine request per turn and the engine runs each call as a node
 *   execution of its own (`WorkflowExecute.handleEngineRequest`: n8n-core 1.122 and 2.x; not in 1.84).
 */
export type ToolWay = 'inProcess' | 'engineRequest';

export interface RunToolCallsOptions {
	tools: ToolNode[];
	/** The model's turns, each a batch of calls made at once (in-process at the same time, else one by one). */
	turns: ToolCall[][];
	way: ToolWay;
	credentials: TestCredentials;
	loader?: PackageDirectoryLoader;
	/** The agent's input items (one agent run each); one by default. */
	input?: IDataObject[];
	mode?: WorkflowExecuteMode;
}

/** What one call gave the agent: the tool's items (as JSON) or its error text. */
export interface ToolResponse extends ToolCall {
	response?: IDataObject[];
	error?: string;
}

export interface RunToolCallsResult {
	/** Per agent input item, the calls in the order they were made. */
	responses: ToolResponse[][];
	/** How many times each tool node ran (its run data entries). */
	toolRuns: Record<string, number>;
	error?: Error;
	logs: string[];
}

/** Whether the engine of this n8n-core can run tools as node executions of their own (1.122 and 2.x, not 1.84). */
export function hasEngineRequests(): boolean {
	return (
		typeof (WorkflowExecute.prototype as unknown as IDataObject).handleEngineRequest === 'function'
	);
}

const AGENT_TYPE = 'test.agent';
let toolExecutions = 0;
const START_TYPE = 'test.start';

/** The node before the agent (a chat or manual trigger in n8n): the engine resumes an agent through its parent. */
const startType: INodeType = {
	description: {
		displayName: 'Start',
		name: 'start',
		group: ['transform'],
		version: 1,
		description: 'Passes its input on',
		defaults: { name: 'Start' },
		inputs: ['main' as never],
		outputs: ['main' as never],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

/**
 * What n8n's NodeTypes gives for `<name>Tool` of a node with `usableAsTool` (n8n's convertNodeToAiTool): the same
 * node with no main input, an `ai_tool` output and a Description parameter; RoutingNode runs it as before.
 */
function asTool(type: INodeType): INodeType {
	const base = asInN8n(type);
	const tool = Object.create(base) as INodeType;
	tool.description = {
		...base.description,
		name: `${base.description.name}Tool`,
		displayName: `${base.description.displayName} Tool`,
		inputs: [],
		outputs: ['ai_tool' as never],
		properties: [
			{ displayName: 'Description', name: 'toolDescription', type: 'string', default: '' },
			...base.description.properties,
		],
	};
	return tool;
}

interface AgentState {
	turn: number;
	responses: ToolResponse[];
}

/** The one item a failed call gives under On Error → Continue. */
/** The one item of a call that failed under On Error → Continue: `{ error, message }` (message may be absent). */
const isErrorItem = (items: IDataObject[]): boolean =>
	items.length === 1 &&
	'error' in items[0] &&
	Object.keys(items[0]).every((key) => key === 'error' || key === 'message');

function responseOf(call: ToolCall, answer: unknown): ToolResponse {
	if (typeof answer === 'string') {
		const parsed = (() => {
			try {
				return JSON.parse(answer) as unknown;
			} catch {
				return answer;
			}
		})();
		if (Array.isArray(parsed) && isErrorItem(parsed as IDataObject[]))
			return { ...call, error: String((parsed as IDataObject[])[0].error) };
		if (Array.isArray(parsed)) return { ...call, response: parsed as IDataObject[] };
		return { ...call, error: String(parsed) };
	}
	return { ...call, error: String(answer) };
}

/** The agent's turns in-process: each call through the LangChain tool n8n-core made of the node. */
async function callInProcess(ctx: IExecuteFunctions, turns: ToolCall[][]): Promise<ToolResponse[]> {
	const tools = (await ctx.getInputConnectionData('ai_tool' as never, 0)) as Array<{
		name: string;
		metadata?: { sourceNodeName?: string };
		invoke(args: IDataObject): Promise<unknown>;
	}>;
	const responses: ToolResponse[] = [];
	const invoke = async (call: ToolCall): Promise<ToolResponse> => {
		// n8n-core 1.x names the tool after the node and sets no metadata.
		const tool = tools.find((t) => (t.metadata?.sourceNodeName ?? t.name) === call.tool);
		if (!tool) throw new Error(`the agent has no tool ${call.tool}`);
		return await tool.invoke(call.args).then(
			(answer) => responseOf(call, answer),
			(error: Error) => ({ ...call, error: error.message }),
		);
	};
	// The calls of one turn at the same time, as LangChain's AgentExecutor (AI Agent 1.x–2.2) makes them.
	for (const turn of turns) responses.push(...(await Promise.all(turn.map(invoke))));
	return responses;
}

interface EngineAnswer {
	actionResponses: Array<{ action: { nodeName: string; input: IDataObject }; data: IDataObject }>;
	metadata?: AgentState;
}

/** What a tool's own node execution gave back to the agent (its `ai_tool` output, or an error). */
function answerOf(entry: EngineAnswer['actionResponses'][number]): ToolResponse {
	const { toolCallId: _id, ...args } = entry.action.input;
	const call = { tool: entry.action.nodeName, args };
	const task = entry.data as { data?: { ai_tool?: INodeExecutionData[][] }; error?: Error };
	const items = task.data?.ai_tool?.[0] ?? [];
	if (task.error) return { ...call, error: task.error.message };
	if (isErrorItem(items.map((i) => i.json))) return { ...call, error: String(items[0].json.error) };
	return { ...call, response: items.map((i) => i.json) };
}

/** A stand-in for the AI Agent node: no model, the calls are scripted; it answers with what its tools returned. */
function agentType(options: RunToolCallsOptions): INodeType {
	return {
		description: {
			displayName: 'Agent',
			name: 'agent',
			group: ['transform'],
			version: 1,
			description: 'Scripted agent',
			defaults: { name: 'Agent' },
			inputs: ['main' as never, { type: 'ai_tool' as never, required: false } as never],
			outputs: ['main' as never],
			properties: [],
		},
		async execute(this: IExecuteFunctions, answer?: unknown) {
			if (options.way === 'inProcess') {
				const out: INodeExecutionData[] = [];
				for (let i = 0; i < this.getInputData().length; i++) {
					const responses = await callInProcess(this, options.turns);
					out.push({ json: { responses } as unknown as IDataObject, pairedItem: { item: i } });
				}
				return [out];
			}
			// The engine hands back the last request's metadata and what its calls gave (an empty answer at first).
			const previous = answer as EngineAnswer | undefined;
			const state = typeof previous?.metadata?.turn === 'number' ? previous.metadata : undefined;
			const responses = [
				...(state?.responses ?? []),
				...(previous?.actionResponses ?? []).map(answerOf),
			];
			const turn = state ? state.turn + 1 : 0;
			if (turn >= options.turns.length)
				return [[{ json: { responses } as unknown as IDataObject, pairedItem: { item: 0 } }]];
			return {
				actions: options.turns[turn].map((call, i) => ({
					actionType: 'ExecutionNodeAction',
					nodeName: call.tool,
					input: call.args,
					type: 'ai_tool',
					id: `call_${turn}_${i}`,
					metadata: { itemIndex: 0 },
				})),
				metadata: { turn, responses },
			} as never;
		},
	};
}

class ToolTypes extends Types {
	constructor(
		loader: PackageDirectoryLoader,
		private readonly agent: INodeType,
	) {
		super(loader);
	}

	getByNameAndVersion(name: string) {
		if (name === AGENT_TYPE) return this.agent;
		if (name === START_TYPE) return startType;
		if (name.endsWith('Tool'))
			return asTool(super.getByNameAndVersion(name.slice(0, -'Tool'.length)));
		return super.getByNameAndVersion(name);
	}

	getByName(name: string) {
		return this.getByNameAndVersion(name);
	}
}

/**
 * Runs a scripted agent with this package's tool nodes through n8n-core's real engine, `way` as n8n runs tools
 * (see ToolWay). The engine-request way needs an engine that has it (`hasEngineRequests()`).
 */
export async function runToolCalls(options: RunToolCallsOptions): Promise<RunToolCallsResult> {
	const loader = options.loader ?? (await loadPackage());
	const nodeTypes = new ToolTypes(loader, agentType(options));
	const start: INode = {
		id: 'start',
		name: 'Start',
		type: START_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const agent: INode = {
		id: 'agent',
		name: 'Agent',
		type: AGENT_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const tools: INode[] = options.tools.map((tool, i) => ({
		id: `tool-${i}`,
		name: tool.name,
		type: `${PACKAGE_NAME}.connectSafelyTool`,
		typeVersion: 1,
		position: [0, 0],
		parameters: tool.parameters,
		...(tool.retryOnFail ? { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 } : {}),
		...(tool.onError ? { onError: tool.onError } : {}),
		credentials: CREDENTIALS,
	}));
	const connections = {
		[start.name]: { main: [[{ node: agent.name, type: 'main', index: 0 }]] },
		...Object.fromEntries(
			tools.map((tool) => [
				tool.name,
				{ ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] },
			]),
		),
	};
	const spec: WorkflowSpec = {
		nodes: [start, agent, ...tools],
		connections: connections as never,
		active: false,
		settings: { executionOrder: 'v1' },
	};
	const execute = await executionOf(spec, {
		first: start,
		input: (options.input ?? [{ chatInput: 'go' }]).map((json) => ({ json })),
		mode: options.mode ?? 'manual',
		credentials: options.credentials,
		executionId: `tool-exec-${++toolExecutions}`,
	});
	const logStart = logs.length;
	const run = await execute.processRunExecutionData(workflowFrom(spec, nodeTypes));
	const runData = run.data.resultData.runData;
	const agentTask = runData[agent.name]?.at(-1);
	return {
		responses: (agentTask?.data?.main?.[0] ?? []).map(
			(item) => item.json.responses as unknown as ToolResponse[],
		),
		toolRuns: Object.fromEntries(tools.map((t) => [t.name, runData[t.name]?.length ?? 0])),
		error: (agentTask?.error ?? run.data.resultData.error) as Error | undefined,
		logs: logs.slice(logStart),
	};
}
