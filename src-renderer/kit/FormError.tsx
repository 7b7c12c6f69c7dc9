/** What went wrong with the form as a whole (a refused call, a problem tied to no field). */
export function FormError({ error }: { error: string }) {
  if (!error) return null;
  return (
    <p className="text-error" role="alert">
      {error}
    </p>
  );
}
