/**
 * salesbeat's seven-node deal stage model, in order. `deals.stage` holds one of these keys; the source system's
 * own stage name (an import's) is kept apart in `deals.source_stage` (see src/import/maven-stage-map.ts).
 */
export const dealStageKeys = [
  'need_consensus',
  'budget_approved',
  'solution_comparison',
  'internal_report',
  'legal_review',
  'payment_commitment',
  'delivery_kickoff',
] as const;

export type DealStageKey = (typeof dealStageKeys)[number];
