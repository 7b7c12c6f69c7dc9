/** The ways into a screen's flows ("Registrar firma", "Importar…"): the first is the main one. */
export function ChoiceButtons<M extends string>({ choices, onPick }: { choices: readonly (readonly [M, string])[]; onPick: (mode: M) => void }) {
  return (
    <div className="actions">
      {choices.map(([mode, label], i) => (
        <button key={mode} type="button" className={i === 0 ? 'button' : 'button-ghost'} onClick={() => onPick(mode)}>
          {label}
        </button>
      ))}
    </div>
  );
}
