import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as follow } from './follow';
import { operation as get } from './get';
import { operation as getVisitors } from './getVisitors';
import { operation as search } from './search';
import { operation as unfollow } from './unfollow';

export const profileResource = resourceOperations('profile', 'search', [
	get,
	search,
	getVisitors,
	follow,
	unfollow,
]);
