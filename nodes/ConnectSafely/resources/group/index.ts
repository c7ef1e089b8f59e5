import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as getMembers } from './getMembers';

export const groupDescription = resourceOperations('group', 'getMembers', [getMembers]);
