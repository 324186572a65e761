import { CONTROL_RULES } from './corridor-control.ts';
import type { CorridorStatus } from './corridor.ts';
import type { Actor } from './identity.ts';
import { canApply, MOVEMENT_COMMANDS, type MovementCommand, type MovementStatus } from './movement.ts';
import { isAllowed, isAllowedOnCorridor, isAllowedOnMovement, type Action } from './policy.ts';

/**
 * What a viewer may do next with a record: the policy's rights on it, and the rules of its
 * state. Views carry the answer (`allowedActions`) so that screens draw their buttons from it and
 * never decide either themselves. The services refuse the same commands by the same rules.
 */

export const CORRIDOR_STEPS = ['amend', 'propose', 'decide', 'suspend', 'resume', 'close', 'announce', 'evidence'] as const;
export type CorridorStep = (typeof CORRIDOR_STEPS)[number];

export interface CorridorStepFacts {
  parties: readonly string[];
  everProposed: boolean;
  status: CorridorStatus;
  /** The current version has been sent to the parties. */
  proposed: boolean;
  /** Parties that signed a decision on the current version. */
  decidedBy: readonly string[];
  closedByMediator: boolean;
  /** On the public page, so that an announcement reaches someone. */
  publiclyListed: boolean;
}

export function corridorSteps(actor: Actor, c: CorridorStepFacts): CorridorStep[] {
  const may = (action: Action) => isAllowedOnCorridor(actor, action, c);
  const open = c.status !== 'closed';
  const steps: Record<CorridorStep, boolean> = {
    amend: may('corridor.draft') && open,
    propose: may('corridor.draft') && open && !c.proposed,
    decide: may('corridor.decide') && open && c.proposed && !c.decidedBy.includes(actor.orgId),
    suspend: may('corridor.control') && CONTROL_RULES.suspend.allowed(c.status, c.closedByMediator),
    resume: may('corridor.control') && CONTROL_RULES.resume.allowed(c.status, c.closedByMediator),
    close: may('corridor.control') && CONTROL_RULES.close.allowed(c.status, c.closedByMediator),
    announce: isAllowed(actor, 'announcement.publish') && c.publiclyListed,
    evidence: may('corridor.evidence'),
  };
  return CORRIDOR_STEPS.filter((s) => steps[s]);
}

/** The right each movement command needs; the command's own rules come on top. */
export const ACTION_OF_MOVEMENT_COMMAND: Readonly<Record<MovementCommand, Action>> = {
  acknowledge: 'movement.acknowledge',
  start: 'movement.track',
  checkin: 'movement.track',
  complete: 'movement.track',
  abort: 'movement.track',
  delivery: 'movement.track',
  manifest: 'movement.passengers',
  board: 'movement.passengers',
  arrive: 'movement.passengers',
};


export interface MovementStepFacts {
  agencyId: string;
  requiredAcknowledgements: readonly string[];
  status: MovementStatus;
  /** Parties that answered already: an answer is final for its party. */
  answeredBy: readonly string[];
  hasCargo: boolean;
  deliveryConfirmed: boolean;
}

export function movementSteps(actor: Actor, m: MovementStepFacts): MovementCommand[] {
  const target = { agencyId: m.agencyId, parties: m.requiredAcknowledgements };
  return MOVEMENT_COMMANDS.filter((command) => {
    if (!isAllowedOnMovement(actor, ACTION_OF_MOVEMENT_COMMAND[command], target) || !canApply(command, m.status)) return false;
    if (command === 'acknowledge') return !m.answeredBy.includes(actor.orgId);
    if (command === 'delivery') return m.hasCargo && !m.deliveryConfirmed;
    return true;
  });
}

export const PERSON_STEPS = ['change', 'merge', 'flag'] as const;
export type PersonStep = (typeof PERSON_STEPS)[number];

/** `change`: correct the record, its consent and protection; the registering organisation's. */
const ACTION_OF_PERSON_STEP: Readonly<Record<PersonStep, Action>> = { change: 'person.register', merge: 'person.merge', flag: 'person.flag' };

export function personSteps(actor: Actor, person: { orgId: string }): PersonStep[] {
  return PERSON_STEPS.filter((step) => isAllowed(actor, ACTION_OF_PERSON_STEP[step], person.orgId));
}
