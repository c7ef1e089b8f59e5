import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import {
	optionsCollection,
	personBySlugField,
	quotaExhaustedOption,
} from '../../shared/descriptions/fields';
import { readRouting, type Operation } from '../../shared/descriptions/operations';
import { inputError, profileParameter } from '../../shared/errors/input';
import { personOf } from '../../shared/values/person';
import { isObject } from '../../shared/values/text';
import { withAccount } from '../../shared/request/operation';

const INCLUDE: Record<string, string> = {
	contact: 'includeContact',
	education: 'includeEducation',
	experience: 'includeExperience',
	location: 'includeGeoLocation',
	skills: 'includeSkills',
};

/** POST /profile takes the vanity name only: a URN-only person fails here, before any request. */
function slugOf(ctx: IExecuteSingleFunctions): string {
	const profile = profileParameter(ctx);
	if (profile.kind === 'slug') return profile.profileId;
	throw inputError(
		ctx,
		'"Profile" is a member URN, but Get Profile needs the vanity name or profile URL',
		'ConnectSafely looks a profile up by its vanity name (john-doe-123) only. Give the profile URL or vanity name; a post reactor, for example, carries profileUrl, not a URN.',
	);
}

function body(ctx: IExecuteSingleFunctions): IDataObject {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const include = (options.include as string[] | undefined) ?? [];
	return {
		profileId: slugOf(ctx),
		...Object.fromEntries(
			include.filter((key) => key in INCLUDE).map((key) => [INCLUDE[key], true]),
		),
		...(options.forceRefresh === true ? { forceRefresh: true } : {}),
	};
}

function output(ctx: IExecuteSingleFunctions, answer: IDataObject): IDataObject {
	const profile = isObject(answer.profile) ? answer.profile : {};
	if (Object.keys(profile).length === 0) {
		throw inputError(
			ctx,
			`LinkedIn profile not found: ${String(answer.profileId)}`,
			'ConnectSafely found no profile with this vanity name. Check the profile URL or vanity name.',
		);
	}
	const rest = { ...answer };
	for (const key of ['success', 'profile', 'accountId']) delete rest[key];
	return {
		...personOf({
			slug: profile.publicIdentifier,
			urn: profile.entityUrn,
			firstName: profile.firstName,
			lastName: profile.lastName,
			headline: profile.headline,
			degree: profile.connectionDegree,
		}),
		...profile,
		connectionDegree: personOf({ slug: '', degree: profile.connectionDegree }).connectionDegree,
		...rest,
	};
}

export const operation: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a profile',
		description: 'Get one person’s LinkedIn profile (spends a profile view: 120 unique a day)',
		routing: readRouting(
			{ method: 'POST', url: '/profile' },
			{
				label: 'Get profile',
				shape: 'write',
				action: 'PROFILE_VIEW',
				prepare: (ctx, request, account) => {
					const asked = body(ctx);
					const who = { profileId: asked.profileId };
					return { request: withAccount({ ...request, body: asked }, account), who };
				},
				output,
			},
		),
	},
	fields: [
		personBySlugField,
		optionsCollection([
			{
				displayName: 'Force Refresh',
				name: 'forceRefresh',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the profile from LinkedIn even if ConnectSafely has it cached (a cached profile spends no profile view)',
			},
			{
				displayName: 'Include',
				name: 'include',
				type: 'multiOptions',
				options: [
					{ name: 'Contact Info', value: 'contact' },
					{ name: 'Education', value: 'education' },
					{ name: 'Experience', value: 'experience' },
					{ name: 'Location', value: 'location' },
					{ name: 'Skills', value: 'skills' },
				],
				default: [],
				description: 'Which extra parts of the profile to fetch',
			},
			quotaExhaustedOption,
		]),
	],
};
