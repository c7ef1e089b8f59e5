import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { keySafeExpression } from '../nodes/ConnectSafely/shared/values/credential';

// The key travels only where the node would send it: over https, or over plain http to this machine.
const KEY_SAFE = keySafeExpression('String($credentials.baseUrl).trim()');

export class ConnectSafelyOutreachApi implements ICredentialType {
	name = 'connectSafelyOutreachApi';

	displayName = 'ConnectSafely Outreach API';

	icon: Icon = {
		light: 'file:../icons/connectSafely.svg',
		dark: 'file:../icons/connectSafely.dark.svg',
	};

	documentationUrl =
		'https://github.com/connectsafely/n8n-nodes-connectsafely/blob/main/README.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API key from the ConnectSafely dashboard (Settings → API keys)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.connectsafely.ai/linkedin',
			description:
				'Where the ConnectSafely API lives. Keep the default for production; use https://sandbox.api.connectsafely.ai/linkedin for the sandbox. Only https:// (plain http:// only to localhost).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: `={{ ${KEY_SAFE} ? "Bearer " + String($credentials.apiKey).trim() : "" }}`,
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '/account/status',
			// The key goes to the Base URL only: a redirect fails the test instead of being followed.
			disableFollowRedirect: true,
			timeout: 30_000,
			// n8n refuses a request outside these "domains" before it leaves, and says so with this text.
			allowedDomains: `={{ ${KEY_SAFE} ? "" : "an https:// Base URL (plain http:// only to localhost or 127.0.0.1, so that the API key never travels unencrypted)" }}`,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'ConnectSafely did not accept this API key. Copy a current key from Settings → API keys in the ConnectSafely dashboard.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'The key works, but no LinkedIn account is connected to this ConnectSafely workspace yet, or the Base URL is wrong.',
				},
			},
		],
	};
}
