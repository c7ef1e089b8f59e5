import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { fromItem, optionsCollection } from '../../shared/descriptions/fields';
import { inputError, textParameter } from '../../shared/errors/input';

const POST_URL_DESCRIPTION = `The LinkedIn post’s URL. ${fromItem('its postUrl, e.g. a Get Reactors or Get Commenters result')}`;

export const postUrlField: INodeProperties = {
	displayName: 'Post URL',
	name: 'postUrl',
	type: 'string',
	required: true,
	default: '={{ $json.postUrl }}',
	placeholder:
		'e.g. https://www.linkedin.com/posts/jane-doe_pricing-activity-7400000000000000000-AbCd',
	description: POST_URL_DESCRIPTION,
};

/** The Options of both post lists. */
export const postOptionsField = optionsCollection([
	{
		displayName: 'Include Companies and Deleted Authors',
		name: 'includeNonPeople',
		type: 'boolean',
		default: false,
		description:
			'Whether to also return company pages and deleted members (they have no profile a write can act on)',
	},
]);

const POST_URL = /^https?:\/\/(?:[a-z0-9-]+\.)*linkedin\.com\/(?:posts|feed\/update|pulse)\//i;

/** The post URL, checked before any request. */
export function postBody(ctx: IExecuteSingleFunctions): IDataObject {
	const postUrl = textParameter(ctx, 'Post URL', ctx.getNodeParameter('postUrl', ''));
	if (!POST_URL.test(postUrl)) {
		throw inputError(
			ctx,
			postUrl === ''
				? '"Post URL" is empty'
				: `"Post URL" is not a LinkedIn post: "${postUrl.slice(0, 80)}"`,
			'Give the address of a LinkedIn post, e.g. https://www.linkedin.com/posts/… or https://www.linkedin.com/feed/update/urn:li:activity:…',
		);
	}
	return { postUrl };
}

export function includeNonPeople(ctx: IExecuteSingleFunctions): boolean {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return options.includeNonPeople === true;
}
