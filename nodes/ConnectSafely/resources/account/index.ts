import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as getQuota } from './getQuota';

export const accountResource = resourceOperations('account', 'getQuota', [getQuota]);
