/**
 * The validation codes of the assessment and protection work (consent, legal bases, conditions,
 * eligibility, risk analysis, threat actors, protection, break-the-glass), each with a message
 * key `validation.<code>`. Schemas put the code in the zod issue's message; pure checks return
 * `{ path, code }`; the server reports what only it can find out (an attachment of another case,
 * an unknown instrument) with the codes at the end of the list, so every fault of this work has
 * one catalogue of texts.
 */
export const ASSESSMENT_VALIDATION_CODES = [
  // Consent and legal bases.
  'given_in_future',
  'witness_required',
  'duplicate_organisation',
  'duplicate_section',
  'unknown_organisation',
  'withdrawn_in_future',
  'withdrawn_before_given',
  'already_withdrawn',
  'provision_text_required',
  'provision_text_not_allowed',
  'valid_to_before_valid_from',
  // Conditions.
  'signed_in_future',
  'duplicate_condition_id',
  'informing_never_a_condition',
  'unknown_conditions_version',
  'unknown_condition',
  'breach_in_future',
  // Eligibility.
  'duplicate_criterion_id',
  'min_age_required',
  'min_age_not_allowed',
  'criterion_answer_missing',
  'unknown_criterion',
  'referred_to_required',
  'referred_to_not_allowed',
  'admitted_with_unmet_criteria',
  'under_age_refer_to_social_services',
  'birth_date_in_future',
  // Risk analysis.
  'not_a_risk_instrument',
  'review_date_in_past',
  'rating_missing',
  'unknown_item',
  'evidence_required',
  'judgement_justification_required',
  'judgement_below_acute_answer',
  'protective_action_due_in_past',
  // Threat actors and placement conflicts.
  'rivalry_with_itself',
  'link_target_required',
  'rival_group_present',
  'conflicting_client_present',
  // Protection.
  'ivo_permit_required',
  'ivo_permit_not_allowed',
  'placement_ends_before_start',
  'cost_negative',
  'wrong_deciding_authority',
  'decided_on_required',
  'decided_on_not_allowed',
  'decided_before_applied',
  'measure_ends_before_start',
  'measure_description_required',
  // Break-the-glass.
  'break_glass_reason_required',
  // Found by the server, which needs the database (or the clock) to decide; same message keys.
  'attachment_required',
  'unknown_attachment',
  'content_type_mismatch',
  'file_too_large',
  'unknown_participant',
  'unknown_meeting',
  'decision_not_possible_in_state',
  'occurred_in_future',
  'unknown_instrument',
  'unknown_previous_analysis',
  'municipality_required',
  'nothing_to_change',
  'not_a_programme_coordinator',
  'reason_contains_secret',
  // Mapping.
  'unknown_mapping_definition',
  'unknown_mapping_area',
  'duplicate_mapping_area',
  'unknown_previous_mapping',
] as const;

/** A validation code of the assessment and protection work. */
export type AssessmentValidationCode = (typeof ASSESSMENT_VALIDATION_CODES)[number];

/** One fault found by a pure check: where, and which code. */
export type AssessmentIssue = { path: string; code: AssessmentValidationCode };

/** What each code tells the user, in Swedish and English. */
export const ASSESSMENT_VALIDATION_MESSAGES: Readonly<Record<AssessmentValidationCode, { sv: string; en: string }>> = {
  given_in_future: {
    sv: 'Samtycket kan inte vara lämnat i framtiden.',
    en: 'Consent cannot have been given in the future.',
  },
  witness_required: {
    sv: 'Ett muntligt samtycke eller godkännande kräver ett vittne: ange vittnets namn.',
    en: "Oral consent or agreement needs a witness: give the witness's name.",
  },
  duplicate_organisation: {
    sv: 'Samma organisation finns två gånger. Ange varje organisation en gång, med alla dess syften och delar.',
    en: 'The same organisation is listed twice. List each organisation once, with all its purposes and sections.',
  },
  duplicate_section: {
    sv: 'Samma del av ärendet finns två gånger.',
    en: 'The same section of the case is listed twice.',
  },
  unknown_organisation: {
    sv: 'Organisationen finns inte i programmet.',
    en: 'The organisation is not part of the programme.',
  },
  withdrawn_in_future: {
    sv: 'Ett återkallande kan inte ligga i framtiden.',
    en: 'A withdrawal cannot lie in the future.',
  },
  withdrawn_before_given: {
    sv: 'Samtycket kan inte återkallas före den tidpunkt det lämnades.',
    en: 'Consent cannot be withdrawn before it was given.',
  },
  already_withdrawn: {
    sv: 'Samtycket är redan återkallat.',
    en: 'This consent has already been withdrawn.',
  },
  provision_text_required: {
    sv: 'Ange vilket lagrum (lag, kapitel och paragraf) som ger stöd för att lämna ut uppgifterna.',
    en: 'Give the legal provision (act, chapter and section) that allows the information to be shared.',
  },
  provision_text_not_allowed: {
    sv: 'Lagrummet anges bara när grunden är ”annat lagrum”.',
    en: 'A provision text is given only when the basis is "other provision".',
  },
  valid_to_before_valid_from: {
    sv: 'Slutdatumet ligger före startdatumet.',
    en: 'The end date is before the start date.',
  },
  signed_in_future: {
    sv: 'Villkoren kan inte vara undertecknade i framtiden.',
    en: 'The conditions cannot have been signed in the future.',
  },
  duplicate_condition_id: {
    sv: 'Två villkor har samma id.',
    en: 'Two conditions have the same id.',
  },
  informing_never_a_condition: {
    sv: 'Att lämna uppgifter om andra eller vittna mot dem får aldrig vara ett villkor för stöd.',
    en: 'Informing on others or testifying against them must never be a condition of support.',
  },
  unknown_conditions_version: {
    sv: 'Den versionen av villkoren finns inte i programmet.',
    en: 'That version of the conditions does not exist in the programme.',
  },
  unknown_condition: {
    sv: 'Villkoret finns inte i den version personen undertecknade.',
    en: 'The condition is not in the version the person signed.',
  },
  breach_in_future: {
    sv: 'Ett villkorsbrott kan inte ligga i framtiden.',
    en: 'A breach of conditions cannot lie in the future.',
  },
  duplicate_criterion_id: {
    sv: 'Två kriterier har samma id.',
    en: 'Two criteria have the same id.',
  },
  min_age_required: {
    sv: 'Ett ålderskriterium måste ange lägsta ålder.',
    en: 'An age criterion must give the minimum age.',
  },
  min_age_not_allowed: {
    sv: 'Lägsta ålder anges bara för ett ålderskriterium.',
    en: 'A minimum age is given only for an age criterion.',
  },
  criterion_answer_missing: {
    sv: 'Kriteriet måste besvaras, med grunderna för svaret.',
    en: 'The criterion must be answered, with the grounds for the answer.',
  },
  unknown_criterion: {
    sv: 'Kriteriet finns inte i programmets inställningar.',
    en: "The criterion is not in the programme's settings.",
  },
  referred_to_required: {
    sv: 'Ange vart personen hänvisas. Ett avslag eller en hänvisning lämnar aldrig personen utan vidare kontakt.',
    en: 'Give where the person is referred. A decline or referral never leaves the person without a next contact.',
  },
  referred_to_not_allowed: {
    sv: 'Hänvisning anges bara när personen inte tas in.',
    en: 'A referral is given only when the person is not admitted.',
  },
  admitted_with_unmet_criteria: {
    sv: 'Personen kan inte tas in när ett kriterium inte är uppfyllt. Ändra svaret med nya grunder, eller fatta ett annat beslut.',
    en: 'The person cannot be admitted while a criterion is not met. Change the answer with new grounds, or decide otherwise.',
  },
  under_age_refer_to_social_services: {
    sv: 'Personen är under 18 år. Programmet avslår inte: hänvisa till socialtjänsten, som har ansvaret för barn och unga, och ta kontakt med dem i dag.',
    en: 'The person is under 18. The programme does not refuse: refer them to social services, who are responsible for children and young people, and contact them today.',
  },
  birth_date_in_future: {
    sv: 'Födelsedatumet ligger i framtiden.',
    en: 'The date of birth is in the future.',
  },
  not_a_risk_instrument: {
    sv: 'Instrumentet är inte en riskanalys.',
    en: 'The instrument is not a risk analysis.',
  },
  review_date_in_past: {
    sv: 'Nästa omprövning måste ligga efter i dag.',
    en: 'The next review must be after today.',
  },
  rating_missing: {
    sv: 'Faktorn måste bedömas för nu och tidigare. Finns inte underlag, välj ”otillräcklig information”.',
    en: 'The item must be rated for now and the past. Without enough information, choose "not enough information".',
  },
  unknown_item: {
    sv: 'Faktorn finns inte i den här versionen av instrumentet.',
    en: 'The item is not in this version of the instrument.',
  },
  evidence_required: {
    sv: 'Skriv underlaget för bedömningen: vad som är känt och varifrån.',
    en: 'Write the evidence for the rating: what is known, and from where.',
  },
  judgement_justification_required: {
    sv: 'En kritisk faktor är bedömd som tydligt närvarande nu, eller ett scenario är troligt och dödligt. Motivera skriftligt varför bedömningen ändå är lägre än akut.',
    en: 'A critical item is rated clearly present now, or a scenario is likely and lethal. Justify in writing why the judgement is nevertheless lower than acute.',
  },
  judgement_below_acute_answer: {
    sv: 'Minst en bedömning är enligt instrumentet akut, så den samlade bedömningen måste vara akut.',
    en: 'At least one rating is acute according to the instrument, so the judgement must be acute.',
  },
  protective_action_due_in_past: {
    sv: 'Skyddsåtgärdens datum har redan passerat.',
    en: 'The protective action’s due date has already passed.',
  },
  rivalry_with_itself: {
    sv: 'En grupp kan inte vara rival till sig själv.',
    en: 'A group cannot be its own rival.',
  },
  link_target_required: {
    sv: 'Ange antingen en grupp eller en person, inte båda.',
    en: 'Give either a group or a person, not both.',
  },
  rival_group_present: {
    sv: 'En grupp i konflikt med personen (den grupp hen lämnat, en grupp som hotar hen, eller en rival till hens grupp) finns i kommunen.',
    en: 'A group in conflict with the person (the group they left, a group that threatens them, or a rival of their group) is present in the municipality.',
  },
  conflicting_client_present: {
    sv: 'En annan klient med koppling till en grupp i konflikt med personen är placerad i kommunen.',
    en: 'Another client linked to a group in conflict with the person is placed in the municipality.',
  },
  ivo_permit_required: {
    sv: 'En privat utförare av skyddat boende behöver tillstånd från IVO: ange tillståndsnumret.',
    en: 'A private provider of protected housing needs a permit from IVO: give the permit number.',
  },
  ivo_permit_not_allowed: {
    sv: 'IVO-tillstånd anges bara för en privat utförare.',
    en: 'An IVO permit is given only for a private provider.',
  },
  placement_ends_before_start: {
    sv: 'Placeringen kan inte sluta innan den börjar.',
    en: 'The placement cannot end before it starts.',
  },
  cost_negative: {
    sv: 'Kostnaden per dygn kan inte vara negativ.',
    en: 'The cost per day cannot be negative.',
  },
  wrong_deciding_authority: {
    sv: 'Fel beslutande myndighet: Skatteverket beslutar om sekretessmarkering och skyddad folkbokföring, Polismyndigheten om fingerade personuppgifter.',
    en: 'Wrong deciding authority: the Tax Agency decides on confidentiality marking and protected registration, the Police on fictitious identity.',
  },
  decided_on_required: {
    sv: 'Ange beslutsdatum för ett beviljat eller avslaget ärende.',
    en: 'Give the decision date of a granted or refused application.',
  },
  decided_on_not_allowed: {
    sv: 'Beslutsdatum anges först när beslut har fattats.',
    en: 'A decision date is given only once a decision has been made.',
  },
  decided_before_applied: {
    sv: 'Beslutet kan inte vara fattat före ansökan.',
    en: 'The decision cannot predate the application.',
  },
  measure_ends_before_start: {
    sv: 'Åtgärden kan inte sluta innan den börjar.',
    en: 'The measure cannot end before it starts.',
  },
  measure_description_required: {
    sv: 'Beskriv åtgärden.',
    en: 'Describe the measure.',
  },
  break_glass_reason_required: {
    sv: 'Ange skälet till nödåtkomsten. Ärendeägaren och granskarna får veta att du öppnat ärendet.',
    en: 'Give the reason for emergency access. The case owner and the auditors are told that you opened the case.',
  },
  attachment_required: {
    sv: 'Ett undertecknat samtycke kräver den inskannade blanketten: ladda upp den först.',
    en: 'A signed consent needs the scanned form: upload it first.',
  },
  unknown_attachment: {
    sv: 'Bilagan finns inte i det här ärendet.',
    en: 'The attachment does not belong to this case.',
  },
  content_type_mismatch: {
    sv: 'Filens innehåll stämmer inte med filtypen. Endast PDF, PNG och JPEG tas emot.',
    en: "The file's content does not match its type. Only PDF, PNG and JPEG are accepted.",
  },
  file_too_large: {
    sv: 'Filen är för stor (högst 5 MB).',
    en: 'The file is too large (5 MB at most).',
  },
  unknown_participant: {
    sv: 'Deltagaren är inte medarbetare i programmet.',
    en: 'The participant is not a member of staff in the programme.',
  },
  unknown_meeting: {
    sv: 'Mötet hör inte till det här ärendet.',
    en: 'The meeting does not belong to this case.',
  },
  decision_not_possible_in_state: {
    sv: 'Beslutet går inte att fatta i det läge ärendet är i nu.',
    en: 'This decision is not possible in the state the case is in now.',
  },
  occurred_in_future: {
    sv: 'Händelsen kan inte ha inträffat i framtiden.',
    en: 'The incident cannot have happened in the future.',
  },
  unknown_instrument: {
    sv: 'Instrumentet eller den versionen finns inte i programmet.',
    en: 'The instrument or that version does not exist in the programme.',
  },
  unknown_previous_analysis: {
    sv: 'Den tidigare analysen finns inte i det här ärendet.',
    en: 'The previous analysis is not in this case.',
  },
  municipality_required: {
    sv: 'Ange kommunen som placeringen gäller.',
    en: 'Give the municipality the placement is in.',
  },
  nothing_to_change: {
    sv: 'Ange status eller slutdatum.',
    en: 'Give a status or an end date.',
  },
  not_a_programme_coordinator: {
    sv: 'Bara samordnare i programmet kan utses att se kopplingen.',
    en: 'Only coordinators of the programme can be named to see the link.',
  },
  reason_contains_secret: {
    sv: 'Skriv skälet utan själva uppgiften: skälet sparas i loggen och läses av granskare.',
    en: 'Write the reason without the information itself: the reason is kept in the log and read by auditors.',
  },
  unknown_mapping_definition: {
    sv: 'Den versionen av kartläggningens livsområden finns inte.',
    en: 'That version of the mapping’s life areas does not exist.',
  },
  unknown_mapping_area: {
    sv: 'Livsområdet finns inte i den här versionen av kartläggningen.',
    en: 'The life area is not in this version of the mapping.',
  },
  duplicate_mapping_area: {
    sv: 'Livsområdet står två gånger i kartläggningen.',
    en: 'The life area is listed twice in the mapping.',
  },
  unknown_previous_mapping: {
    sv: 'Den tidigare kartläggningen finns inte i det här ärendet.',
    en: 'The previous mapping is not in this case.',
  },
};

const CODE_SET: ReadonlySet<string> = new Set(ASSESSMENT_VALIDATION_CODES);

/** True when `x` is one of the assessment validation codes (zod issue messages are plain strings). */
export function isAssessmentValidationCode(x: unknown): x is AssessmentValidationCode {
  return typeof x === 'string' && CODE_SET.has(x);
}
