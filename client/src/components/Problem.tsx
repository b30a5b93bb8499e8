import { describeError, type Problem as ProblemText } from "../api/errors";

/** A problem in words, announced to screen readers. */
export function Problem({ error, problem }: { error?: unknown; problem?: ProblemText }) {
  const { title, detail } = problem ?? describeError(error);
  return (
    <div className="problem" role="alert">
      <strong>{title}.</strong> {detail}
    </div>
  );
}
