import { existsSync, readFileSync } from 'fs';
import path from 'path';
import axios from 'axios';
import {
	Workflow,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { credentialType, nodeType, PACKAGE_ROOT } from './helpers/engine';
import { useFakeApi } from './helpers/fixture';

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));

function walk(properties: INodeProperties[], visit: (p: INodeProperties) => void) {
	for (const property of properties) {
		visit(property);
		for (const option of (property.options ?? []) as Array<
			INodeProperties | INodePropertyOptions
		>) {
			if ('type' in option) walk([option as INodeProperties], visit);
		}
	}
}

/** A one-node workflow of the real ConnectSafely node type, to evaluate expressions as n8n does. */
async function expressionWorkflow(parameters: INodeParameters) {
	const real = await nodeType('connectSafely');
	const node = {
		id: '1',
		name: 'n',
		type: 'connectSafely',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters,
	};
	const nodeTypes = {
		getByName: () => real,
		getByNameAndVersion: () => real,
		getKnownTypes: () => ({}),
	};
	return {
		node,
		workflow: new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes }),
	};
}

let description: INodeTypeDescription;
beforeAll(async () => {
	description = (await nodeType('connectSafely')).description;
});

function operations(resource: string): INodePropertyOptions[] {
	const operation = description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	)!;
	return operation.options as INodePropertyOptions[];
}

describe('node description', () => {
	test('the public parameter names are exactly the documented interface', () => {
		expect(operations('invitation').map((o) => o.value)).toEqual([
			'accept',
			'getReceived',
			'getSent',
			'ignore',
			'withdraw',
		]);
		expect(operations('connection').map((o) => o.value)).toEqual([
			'getMany',
			'getStatus',
			'sendRequest',
		]);
		expect(operations('message').map((o) => o.value)).toEqual(['send']);
		const names = new Set<string>();
		walk(description.properties, (p) => names.add(p.name));
		for (const name of [
			'resource',
			'operation',
			'accountId',
			'returnAll',
			'limit',
			'filters',
			'categories',
			'olderThanDays',
			'invitationId',
			'validationToken',
			'invitationType',
			'firstName',
			'lastName',
			'memberId',
			'options',
			'allowNonConnection',
			'profile',
			'message',
			'messageLimit',
			'onLongMessage',
			'spreadOverWeek',
			'connectedWithinDays',
			'sortBy',
			'text',
			'messageType',
			'subject',
			'groupId',
			'onNotConnected',
			'allowRepeat',
		]) {
			expect(names).toContain(name);
		}
	});

	test('every operation has a sentence-case action', () => {
		for (const op of [...operations('invitation'), ...operations('connection')]) {
			expect(op.action).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/);
		}
		expect(operations('invitation').find((o) => o.value === 'getReceived')?.action).toBe(
			'Get many received invitations',
		);
	});

	test('a field is declared once: no two parameters differ only in where they show', () => {
		// RoutingNode evaluates each declaration's stored value per item, shown or not (twice on n8n 2.x).
		const key = ({ displayOptions, ...rest }: INodeProperties) =>
			JSON.stringify({ ...rest, displayOptions: { ...displayOptions, show: undefined } });
		const keys = description.properties.map(key);
		expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
		const profiles = description.properties.filter((p) => p.name === 'profile');
		expect(profiles.map((p) => [p.displayName, p.displayOptions?.show?.operation])).toEqual([
			['Profile', ['withdraw']],
			['Profile', ['getStatus', 'get']],
			['Profile', ['sendRequest', 'follow', 'unfollow']],
			['Recipient', ['send']],
		]);
	});

	test('every list has Return All and Limit (default 50)', () => {
		for (const op of ['getReceived', 'getSent']) {
			const shown = description.properties.filter((p) =>
				p.displayOptions?.show?.operation?.includes(op),
			);
			expect(shown.find((p) => p.name === 'returnAll')?.type).toBe('boolean');
			const limit = shown.find((p) => p.name === 'limit');
			expect(limit?.default).toBe(50);
			expect(limit?.displayOptions?.show?.returnAll).toEqual([false]);
		}
	});

	test('booleans are described with "Whether", labels are Title Case, placeholders start with "e.g."', () => {
		walk(description.properties, (p) => {
			if (p.type === 'boolean') expect(p.description).toMatch(/^Whether /);
			expect(p.displayName).toMatch(
				/^([A-Z0-9(][\w()-]*)( ([A-Z0-9(][\w()-]*|a|an|the|of|to|in|on|or|and))*$/,
			);
			if (p.placeholder && p.type === 'string') expect(p.placeholder).toMatch(/^e\.g\. /);
		});
	});

	test('labels a reviewer asks for: Note, Recipient, one "Fail the Item", Accept\'s enforced fields required', () => {
		const shownFor = (operation: string) =>
			description.properties.filter((p) => p.displayOptions?.show?.operation?.includes(operation));
		const field = (operation: string, name: string) =>
			shownFor(operation).find((p) => p.name === name);
		expect(field('sendRequest', 'message')?.displayName).toBe('Note');
		expect(field('send', 'profile')?.displayName).toBe('Recipient');
		const failLabels = new Set<string>();
		walk(description.properties, (p) => {
			for (const option of (p.options ?? []) as INodePropertyOptions[]) {
				if (/^fail/i.test(String(option.value)) || /^Fail/.test(option.name ?? ''))
					failLabels.add(option.name);
			}
		});
		expect([...failLabels]).toEqual(['Fail the Item']);
		const required = shownFor('accept')
			.filter((p) => p.required)
			.map((p) => p.name);
		expect(required).toEqual(
			expect.arrayContaining([
				'invitationId',
				'validationToken',
				'invitationType',
				'firstName',
				'lastName',
			]),
		);
	});

	test('the trigger has its own description', async () => {
		const trigger = (await nodeType('connectSafelyTrigger')).description;
		expect(trigger.description).not.toBe(description.description);
		expect(trigger.description).toMatch(/^Starts the workflow on each new LinkedIn invitation/);
	});

	test('options lists of five or more are sorted by name', () => {
		walk(description.properties, (p) => {
			const options = (p.options ?? []) as INodePropertyOptions[];
			if (options.length >= 5 && options.every((o) => 'value' in o)) {
				const names = options.map((o) => o.name);
				expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			}
		});
	});

	test('accept and ignore default every field to the incoming list item', () => {
		const fields = description.properties.filter((p) =>
			p.displayOptions?.show?.operation?.includes('accept'),
		);
		const defaults = Object.fromEntries(fields.map((p) => [p.name, p.default]));
		expect(defaults).toMatchObject({
			invitationId: '={{ $json.invitationId }}',
			validationToken: '={{ $json.validationToken }}',
			invitationType: '={{ $json.linkedInInvitationType }}',
			firstName: '={{ $json.profile?.firstName }}',
			lastName: '={{ $json.profile?.lastName }}',
			memberId: '={{ $json.memberId }}',
		});
	});

	test.each([
		['invitation', 'getReceived', 'Get Many Received · Invitation'],
		['invitation', 'getSent', 'Get Many Sent · Invitation'],
		['invitation', 'accept', 'Accept · Invitation'],
		['invitation', 'ignore', 'Ignore · Invitation'],
		['invitation', 'withdraw', 'Withdraw · Invitation'],
		['connection', 'sendRequest', 'Send Request · Connection'],
		['connection', 'getStatus', 'Get Status · Connection'],
	])(
		'the subtitle of %s/%s, as n8n evaluates it, is "%s"',
		async (resource, operation, subtitle) => {
			const { node, workflow } = await expressionWorkflow({ resource, operation });
			expect(
				workflow.expression.getSimpleParameterValue(
					node,
					String(description.subtitle),
					'internal',
					{},
				),
			).toBe(subtitle);
		},
	);

	test('the node is usable as a tool, has light and dark icons, a subtitle and the credential', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toBeTruthy();
		expect(description.credentials).toEqual([{ name: 'connectSafelyOutreachApi', required: true }]);
		const iconUrl = description.iconUrl as { light: string; dark: string };
		expect(iconUrl.light).toMatch(/dist\/icons\/connectSafely\.svg$/);
		expect(iconUrl.dark).toMatch(/dist\/icons\/connectSafely\.dark\.svg$/);
		const dir = path.join(PACKAGE_ROOT, 'dist', 'icons');
		const light = readFileSync(path.join(dir, 'connectSafely.svg'), 'utf8');
		const dark = readFileSync(path.join(dir, 'connectSafely.dark.svg'), 'utf8');
		expect(light).toMatch(/^<svg/);
		expect(dark).toMatch(/^<svg/);
		expect(light).not.toEqual(dark);
	});

	test('the codex file ships next to the node', () => {
		const codexPath = path.join(
			PACKAGE_ROOT,
			'dist',
			'nodes',
			'ConnectSafely',
			'ConnectSafely.node.json',
		);
		expect(existsSync(codexPath)).toBe(true);
		const codex = JSON.parse(readFileSync(codexPath, 'utf8'));
		expect(codex.node).toBe('n8n-nodes-connectsafely.connectSafely');
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/README\.md#/);
		expect(codex.alias).toEqual(expect.arrayContaining(['LinkedIn', 'message', 'InMail']));
	});
});

describe('package.json', () => {
	test('is a community package with no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-connectsafely');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(existsSync(path.join(PACKAGE_ROOT, file))).toBe(true);
		}
	});
});

describe('credential', () => {
	const f = useFakeApi();

	async function testRequest(apiKey: string, baseUrl: string) {
		const type = await credentialType();
		const credentials = { apiKey, baseUrl };
		const { node, workflow } = await expressionWorkflow({});
		const resolve = (value: string) =>
			String(
				workflow.expression.getSimpleParameterValue(node, value, 'internal', {
					$credentials: credentials,
				}),
			);
		const auth = type.authenticate as { properties: { headers: Record<string, string> } };
		const request = type.test!.request;
		return axios.request({
			baseURL: resolve(String(request.baseURL)),
			url: request.url,
			method: request.method ?? 'GET',
			headers: { Authorization: resolve(auth.properties.headers.Authorization) },
			validateStatus: () => true,
		});
	}

	test('declares the key as a password field, the base URL default and the test request', async () => {
		const type = await credentialType();
		expect(type.name).toBe('connectSafelyOutreachApi');
		expect(type.displayName).toBe('ConnectSafely Outreach API');
		const apiKey = type.properties.find((p) => p.name === 'apiKey')!;
		expect(apiKey.typeOptions?.password).toBe(true);
		expect(apiKey.required).toBe(true);
		expect(type.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://api.connectsafely.ai/linkedin',
		);
		expect(type.test?.request.url).toBe('/account/status');
	});

	test.each(['', '/', '//'])(
		'the test request reaches GET /account/status with the Bearer key (base URL suffix %p)',
		async (suffix) => {
			const response = await testRequest(f.api.apiKey, `${f.api.url}${suffix}`);
			expect(response.status).toBe(200);
			expect(f.api.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
				['GET', '/account/status', `Bearer ${f.api.apiKey}`],
			]);
		},
	);

	async function resolved(baseUrl: string) {
		const type = await credentialType();
		const { node, workflow } = await expressionWorkflow({});
		const resolve = (value: unknown) =>
			workflow.expression.getSimpleParameterValue(node, value as string, 'internal', {
				$credentials: { apiKey: ' sk-test-123456789 ', baseUrl },
			});
		const auth = type.authenticate as { properties: { headers: Record<string, string> } };
		return {
			authorization: resolve(auth.properties.headers.Authorization),
			allowedDomains: resolve(type.test!.request.allowedDomains),
		};
	}

	test.each([
		'https://api.connectsafely.ai/linkedin',
		'  HTTPS://sandbox.api.connectsafely.ai/linkedin/ ',
		'http://127.0.0.1:5679/linkedin',
		'http://localhost:5679/linkedin',
		'http://user:pw@[::1]:8080/linkedin',
	])('the key goes to %p, and the test is not held back', async (baseUrl) => {
		expect(await resolved(baseUrl)).toEqual({
			authorization: 'Bearer sk-test-123456789',
			allowedDomains: '',
		});
	});

	test.each([
		'http://api.connectsafely.ai/linkedin',
		'http://127.0.0.1.example.com/linkedin',
		'http://localhost.example.com',
		'ftp://api.connectsafely.ai',
		'',
	])(
		'the key never goes to %p: no Authorization, and n8n refuses the test request naming the rule',
		async (baseUrl) => {
			expect(await resolved(baseUrl)).toEqual({
				authorization: '',
				allowedDomains:
					'an https:// Base URL (plain http:// only to localhost or 127.0.0.1, so that the API key never travels unencrypted)',
			});
		},
	);

	test('a wrong key fails the test with 401', async () => {
		const response = await testRequest('wrong', f.api.url);
		expect(response.status).toBe(401);
	});
});
