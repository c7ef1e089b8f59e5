import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as getQuota } from './getQuota';

export const accountDescription = resourceOperations('account', 'getQuota', [getQuota]);
