import { memo, type Ref } from "react";
import type { ChainSentence } from "../text/sentences";
import { Legend } from "./Legend";

export interface GovernorsSummaryProps {
  heading: string;
  summary: string;
  sentences: readonly ChainSentence[] | null;
  loading: boolean;
  /** the <img> the diagram is drawn into just before printing */
  imageRef: Ref<HTMLImageElement>;
}

/** The focused view in plain sentences, each with its notice and quote; printed with the diagram and legend. */
export const GovernorsSummary = memo(function GovernorsSummary({ heading, summary, sentences, loading, imageRef }: GovernorsSummaryProps) {
  return (
    <section className="governors" aria-labelledby="governors-title">
      <h2 id="governors-title">{heading}</h2>
      <p>{summary}</p>
      <img ref={imageRef} className="print-only print-map" alt="The data-flow diagram as drawn on screen" />
      <div className="print-only">
        <Legend />
      </div>
      {loading && !sentences && <p aria-busy="true">Writing the summary…</p>}
      {sentences && sentences.length === 0 && <p>No route to describe with these filters.</p>}
      {sentences && sentences.length > 0 && (
        <ol className="sentences">
          {sentences.map((sentence, i) => (
            <li key={i}>
              <p>{sentence.text}</p>
              <ul className="sources">
                {sentence.sources.map((source, j) => (
                  <li key={j}>
                    <span className="step">{source.step}:</span> “{source.quote}” <cite>{source.notice}</cite>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
