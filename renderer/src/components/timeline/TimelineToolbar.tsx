/**
 * The timeline's toolbar (layout switch, Fit, Follow, PNG and SVG export, a navigation hint) and its legend.
 */
import { useStore, type TimelineLayout } from '../../store';
import { KIND_COLORS, Kind } from '../../timeline/event-kind';
import type { TimelineController } from './controller';
import { downloadBlob } from './download';

const LAYOUTS: readonly { id: TimelineLayout; label: string }[] = [
  { id: 'lanes', label: 'Lanes' },
  { id: 'sequence', label: 'Sequence' },
];

interface Props {
  readonly controller: TimelineController;
  readonly follow: boolean;
}

/** The buttons above the timeline. */
export function TimelineToolbar({ controller, follow }: Props) {
  const layout = useStore((s) => s.timelineLayout);
  const setLayout = useStore((s) => s.setTimelineLayout);
  const notify = useStore((s) => s.notify);
  const exportPng = async () => {
    const blob = await controller.toPng();
    if (blob) downloadBlob(blob, `framescope-${layout}.png`);
    else notify({ kind: 'error', text: 'Could not export the timeline as PNG.' });
  };
  const exportSvg = () => downloadBlob(new Blob([controller.toSvg()], { type: 'image/svg+xml' }), `framescope-${layout}.svg`);
  return (
    <div className="timeline-toolbar" data-testid="timeline-toolbar">
      <div className="segmented" role="radiogroup" aria-label="Timeline layout">
        {LAYOUTS.map((l) => (
          <button
            key={l.id}
            type="button"
            role="radio"
            aria-checked={layout === l.id}
            className={layout === l.id ? 'on' : ''}
            onClick={() => setLayout(l.id)}
            data-testid={`timeline-layout-${l.id}`}
          >
            {l.label}
          </button>
        ))}
      </div>
      <button type="button" className="small" onClick={() => controller.fit()} title="Show the whole session (0)" data-testid="timeline-fit">
        Fit
      </button>
      {!follow && (
        <button type="button" className="small" onClick={() => controller.resumeFollow()} title="Keep the newest events in view" data-testid="timeline-follow">
          Follow ▸
        </button>
      )}
      <span className="timeline-hint">
        {layout === 'lanes' ? 'Ctrl+wheel zoom · drag pan · wheel scroll' : 'Ctrl+wheel zoom · drag or wheel: time'}
      </span>
      <span className="spacer" />
      <button type="button" className="small" onClick={() => void exportPng()} title="Save the visible view as a PNG image" data-testid="timeline-export-png">
        PNG
      </button>
      <button type="button" className="small" onClick={exportSvg} title="Save the visible view as SVG, for slides" data-testid="timeline-export-svg">
        SVG
      </button>
    </div>
  );
}

const LEGEND: readonly { kind: number; label: string }[] = [
  { kind: Kind.Head, label: 'head' },
  { kind: Kind.Data, label: 'data / chunk' },
  { kind: Kind.End, label: 'end' },
  { kind: Kind.Tcp, label: 'tcp' },
  { kind: Kind.Tls, label: 'tls' },
  { kind: Kind.Control, label: 'control' },
  { kind: Kind.Error, label: 'error' },
  { kind: Kind.Other, label: 'other' },
];

/** What the colours and shapes mean. */
export function TimelineLegend({ layout }: { readonly layout: TimelineLayout }) {
  return (
    <div className="timeline-legend" aria-label="Legend">
      {LEGEND.map((l) => (
        <span key={l.kind} className="lg">
          <i style={{ background: KIND_COLORS[l.kind] }} />
          {l.label}
        </span>
      ))}
      {layout === 'lanes' ? (
        <span className="lg-note">
          <i className="solid" /> sent <i className="hollow" /> received · height = bytes
        </span>
      ) : (
        <span className="lg-note">arrow: sender → receiver · slope = time in flight</span>
      )}
    </div>
  );
}
