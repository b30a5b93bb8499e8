import { Citation } from "./citation.entity";
import { FlowFieldRow } from "./flow-field.entity";
import { Holding } from "./holding.entity";
import { Flow } from "./flow.entity";
import { Notice } from "./notice.entity";
import { OptOut } from "./opt-out.entity";
import { Organisation } from "./organisation.entity";
import { PupilField } from "./pupil-field.entity";

export { Citation, FlowFieldRow, Flow, Holding, Notice, OptOut, Organisation, PupilField };
export * from "./enums";

/** Every TypeORM entity, for the DataSource. */
export const entities = [Organisation, PupilField, Notice, OptOut, Flow, FlowFieldRow, Citation, Holding];
