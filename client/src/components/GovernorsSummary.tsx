import { Fragment, memo, useMemo, type Ref } from "react";
import { footnoteSources, type ChainSentence } from "../text/sentences";
import { Legend } from "./Legend";

export interface GovernorsSummaryProps {
  heading: string;
  summary: string;
  sentences: readonly ChainSentence[] | null;
  loading: boolean;
  /** the <img> the diagram is drawn into just before printing */
  imageRef: Ref<HTMLImageElement>;
}

/**
 * The focused view in plain sentences, each citing by number the notices and quotes it rests on
 * (each quoted once below them); printed with the diagram and legend.
 */
export const GovernorsSummary = memo(function GovernorsSummary({ heading, summary, sentences, loading, imageRef }: GovernorsSummaryProps) {
  const footnoted = useMemo(() => (sentences ? footnoteSources(sentences) : null), [sentences]);
  return (
    <section className="governors" aria-labelledby="governors-title">
      <h2 id="governors-title">{heading}</h2>
      <p>{summary}</p>
      <img ref={imageRef} className="print-only print-map" alt="The data-flow diagram as drawn on screen" />
      <div className="print-only print-legend">
        <Legend />
      </div>
      {loading && !sentences && <p aria-busy="true">Writing the summary…</p>}
      {sentences && sentences.length === 0 && <p>No route to describe with these filters.</p>}
      {footnoted && footnoted.sentences.length > 0 && (
        <>
          <ol className="sentences">
            {footnoted.sentences.map((sentence, i) => (
              <li key={i}>
                <p>
                  {sentence.text}{" "}
                  <span className="cites">
                    {sentence.sourceNumbers.length === 1 ? "Source" : "Sources"}{" "}
                    {sentence.sourceNumbers.map((n, j) => (
                      <Fragment key={n}>
                        {j > 0 && ", "}
                        <a href={`#source-${n}`}>{n}</a>
                      </Fragment>
                    ))}
                    .
                  </span>
                </p>
              </li>
            ))}
          </ol>
          <h3 id="governors-sources">Sources</h3>
          <ol className="sources" aria-labelledby="governors-sources">
            {footnoted.sources.map((source) => (
              <li key={source.number} id={`source-${source.number}`} value={source.number}>
                <span className="step">{source.step}:</span> {source.verbatim ? `“${source.quote}”` : `(paraphrase) ${source.quote}`} <cite>{source.notice}</cite>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
});
