import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
				'Where the ConnectSafely API lives. Keep the default for production; use https://sandbox.api.connectsafely.ai/linkedin for the sandbox.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{ String($credentials.apiKey).trim() }}',
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
