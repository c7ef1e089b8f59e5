import { resourceOperations } from '../../shared/descriptions/operations';
import { operation as send } from './send';

export const messageResource = resourceOperations('message', 'send', [send]);
