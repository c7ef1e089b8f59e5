import { typeName } from './text';

/** A LinkedIn account ID in ConnectSafely: 24 hexadecimal characters. */
export const ACCOUNT_ID = /^[0-9a-fA-F]{24}$/;

/** Why an account ID cannot be used, or undefined when it can ('' is the workspace default account). */
export function accountIdProblem(
	accountId: unknown,
): { message: string; description: string } | undefined {
	const description =
		'Pick the account from the list, or leave the field empty to use the workspace default account.';
	if (typeof accountId !== 'string')
		return {
			message: `"LinkedIn Account" expects text, got ${typeName(accountId)}`,
			description,
		};
	if (accountId === '' || ACCOUNT_ID.test(accountId)) return undefined;
	return {
		message: `"LinkedIn Account" must be a 24-character hexadecimal account ID, got "${accountId.slice(0, 40)}"`,
		description,
	};
}

/** The LinkedIn Account parameter's value: '' for the workspace default, a checked 24-hex ID, or why it is unusable. */
export function accountIdFrom(
	raw: unknown,
): { accountId: string } | { problem: { message: string; description: string } } {
	const accountId =
		typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : raw;
	const problem = accountIdProblem(accountId);
	return problem ? { problem } : { accountId: accountId as string };
}
