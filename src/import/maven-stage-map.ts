import type { DealStageKey } from '../core/deal-stages.js';
import type { DealStatus } from '../store/schema/deals.js';

/**
 * How the Maven dataset's four deal stages land on salesbeat's seven-node stage model.
 *
 * Maven's funnel is Prospecting → Engaging → Won | Lost (data_dictionary.csv). It says nothing about what
 * happened inside "Engaging", so each Maven stage is mapped to the salesbeat node it certainly reached:
 *
 * | Maven (`source_stage`) | salesbeat `stage`                 | `status` | why |
 * |------------------------|-----------------------------------|----------|-----|
 * | Prospecting            | need_consensus (需求共识)          | open     | an account was found but nobody engaged yet: the first node |
 * | Engaging               | solution_comparison (方案比选)     | open     | the customer is actively looking at the offer |
 * | Won                    | delivery_kickoff (交付启动)        | won      | a won deal's next step is delivery |
 * | Lost, engage_date set  | solution_comparison (方案比选)     | lost     | the deal was lost where it last stood: it had been engaged |
 * | Lost, no engage_date   | need_consensus (需求共识)          | lost     | lost before anyone engaged (none in the 2017 file) |
 *
 * A lost deal keeps the stage it was lost at, so "where do we lose deals" stays answerable; every Lost row in
 * the published file has an engage_date, so all 2,473 of them sit at solution_comparison.
 * The dataset's own stage name is always kept in `deals.source_stage`.
 */
export const mavenStages = ['Prospecting', 'Engaging', 'Won', 'Lost'] as const;
export type MavenStage = (typeof mavenStages)[number];

/** The salesbeat stage keys this import uses (a subset of the seven-node model). */
export const STAGE_NEED_CONSENSUS: DealStageKey = 'need_consensus';
export const STAGE_SOLUTION_COMPARISON: DealStageKey = 'solution_comparison';
export const STAGE_DELIVERY_KICKOFF: DealStageKey = 'delivery_kickoff';

export interface MappedStage {
  stage: DealStageKey;
  status: DealStatus;
}

export function isMavenStage(value: string): value is MavenStage {
  return (mavenStages as readonly string[]).includes(value);
}

/** The salesbeat stage and status for a Maven deal_stage; `engaged` = the row has an engage_date. */
export function mapMavenStage(sourceStage: MavenStage, engaged: boolean): MappedStage {
  switch (sourceStage) {
    case 'Prospecting':
      return { stage: STAGE_NEED_CONSENSUS, status: 'open' };
    case 'Engaging':
      return { stage: STAGE_SOLUTION_COMPARISON, status: 'open' };
    case 'Won':
      return { stage: STAGE_DELIVERY_KICKOFF, status: 'won' };
    case 'Lost':
      return { stage: engaged ? STAGE_SOLUTION_COMPARISON : STAGE_NEED_CONSENSUS, status: 'lost' };
  }
}
