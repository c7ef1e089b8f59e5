import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as getMembers } from './getMembers';

export const groupResource = resourceOperations('group', 'getMembers', [getMembers]);
