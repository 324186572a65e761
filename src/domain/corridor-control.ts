import type { CorridorStatus } from './corridor.ts';
import type { ControlType } from './corridor-status.ts';

/**
 * Which states each of the mediator's controls may be applied from. `close` also records an
 * outcome after the last window ended by itself, so only a corridor already closed by the
 * mediator refuses it.
 */
export const CONTROL_RULES: Readonly<
  Record<ControlType, { allowed: (status: CorridorStatus, closedByMediator: boolean) => boolean; code: string; message: string }>
> = {
  suspend: {
    allowed: (status) => status === 'agreed' || status === 'open',
    code: 'CORRIDOR_NOT_AGREED',
    message: 'Only an agreed or open corridor can be suspended.',
  },
  resume: { allowed: (status) => status === 'suspended', code: 'CORRIDOR_NOT_SUSPENDED', message: 'Only a suspended corridor can be resumed.' },
  close: { allowed: (_status, closedByMediator) => !closedByMediator, code: 'CORRIDOR_CLOSED', message: 'The corridor has been closed already.' },
};
