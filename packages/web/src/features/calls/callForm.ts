import { toLocalInput, fromLocalInput } from '../../lib/datetime.ts';
import type { CallChannel, CallDecision, CallerType } from '../../lib/domain.ts';
import type { CreateCallInput } from './callsApi.ts';

/** Everything the call form holds, as typed. */
export type CallFormState = {
  receivedAt: string;
  channel: CallChannel;
  callerType: CallerType;
  summary: string;
  decision: CallDecision | '';
  referralOrganisation: string;
  referralReason: string;
  callbackAt: string;
  callbackContact: string;
  person: { name: string; personnummer: string; phone: string; address: string };
  relative: { name: string; phone: string; relation: string; protectionNeeds: string };
  answers: Record<string, string>;
};

/** A fresh form: the call was received now, on the hotline, from the person themselves. */
export function initialCallForm(now = new Date()): CallFormState {
  return {
    receivedAt: toLocalInput(now),
    channel: 'hotline',
    callerType: 'self',
    summary: '',
    decision: '',
    referralOrganisation: '',
    referralReason: '',
    callbackAt: '',
    callbackContact: '',
    person: { name: '', personnummer: '', phone: '', address: '' },
    relative: { name: '', phone: '', relation: '', protectionNeeds: '' },
    answers: {},
  };
}

const text = (value: string) => (value.trim() === '' ? undefined : value.trim());

function compact<T extends Record<string, string>>(record: T): Partial<T> | undefined {
  const out: Partial<Record<keyof T, string>> = {};
  let any = false;
  for (const [key, value] of Object.entries(record) as [keyof T, string][]) {
    const v = text(value);
    if (v !== undefined) {
      out[key] = v;
      any = true;
    }
  }
  return any ? (out as Partial<T>) : undefined;
}

/** Whether the form asks for the person's identity: only when the call is taken further. */
export function asksForPerson(state: CallFormState): boolean {
  return state.callerType !== 'anonymous' && state.decision === 'take_further';
}

/** Whether the form asks for the relative who called. */
export function asksForRelative(state: CallFormState): boolean {
  return state.callerType === 'relative' && state.decision === 'take_further';
}

/**
 * The request body. SECURITY: only what the decision and caller allow is sent; fields that were
 * typed and then hidden (an anonymous caller, another decision) are left out, never stored.
 */
export function toCreateCallBody(
  state: CallFormState,
  checklist: { instrumentId: string; instrumentVersion: number } | null,
): CreateCallInput {
  const decision = state.decision === '' ? 'no_action' : state.decision;
  const anonymous = state.callerType === 'anonymous';
  const answers = Object.fromEntries(Object.entries(state.answers).filter(([, v]) => v.trim() !== ''));
  const sendChecklist = checklist !== null && (Object.keys(answers).length > 0 || decision === 'take_further');
  const receivedAt = fromLocalInput(state.receivedAt);
  return {
    ...(receivedAt ? { receivedAt } : {}),
    channel: state.channel,
    callerType: state.callerType,
    summary: state.summary.trim(),
    decision,
    ...(decision === 'refer_elsewhere'
      ? { referral: { organisationName: state.referralOrganisation.trim(), reason: state.referralReason.trim() } }
      : {}),
    ...(decision === 'call_back' ? { callbackAt: fromLocalInput(state.callbackAt) ?? '' } : {}),
    ...(!anonymous && decision === 'call_back' && text(state.callbackContact)
      ? { callbackContact: text(state.callbackContact) }
      : {}),
    ...(sendChecklist && checklist ? { checklist: { ...checklist, answers } } : {}),
    ...(asksForPerson(state) && compact(state.person) ? { person: compact(state.person) } : {}),
    ...(asksForRelative(state) && compact(state.relative) ? { relative: compact(state.relative) } : {}),
  };
}
