import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as getCommenters } from './getCommenters';
import { operation as getReactors } from './getReactors';

export const postResource = resourceOperations('post', 'getCommenters', [
	getCommenters,
	getReactors,
]);
