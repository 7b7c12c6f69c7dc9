/** What the PIN of a stored signature protects and what it does not, in plain words (issue 10, point 6). */
export function PinNotice() {
  return (
    <aside className="card" aria-labelledby="pin-notice-title">
      <h2 id="pin-notice-title">Qué protege el PIN de su firma</h2>
      <ul>
        <li>
          Sin el PIN nadie puede descifrar los trazos de su firma guardada: ni quien tenga la frase de acceso o la llave de datos de
          esta computadora, ni quien copie la carpeta de datos, ni siquiera después de un bloqueo.
        </li>
        <li>Tras 5 PIN incorrectos la firma se bloquea en la aplicación. Cada uso y cada intento fallido queda en la bitácora.</li>
        <li>El PIN no se guarda en la bitácora ni en los datos: solo sirve para abrir la llave de la firma.</li>
      </ul>
      <h2>Qué no protege</h2>
      <ul>
        <li>
          Quien conozca su PIN y use esta aplicación puede estampar su firma autógrafa. No lo comparta, y no use su fecha de
          nacimiento ni números seguidos.
        </li>
        <li>
          Quien además de la carpeta de datos tenga la llave de datos puede probar PIN fuera de la aplicación, sin el límite de 5
          intentos: con 6 dígitos eso le llevaría unos 3 días a una computadora común y horas a muchas computadoras juntas, no años.
          Un PIN más largo (hasta 12 dígitos) protege mucho más.
        </li>
        <li>El PIN no sustituye a su e.firma del SAT ni protege los documentos ya firmados.</li>
        <li>
          Si la firma se importó del sistema anterior, quien la importó conoce el PIN inicial: cámbielo con «Cambiar PIN». Las firmas
          guardadas antes de esta protección (marcadas «Requiere PIN nuevo») no pueden usarse hasta que su titular fije un PIN nuevo de
          al menos 6 dígitos; hasta entonces sus trazos solo están protegidos por la llave de datos.
        </li>
      </ul>
    </aside>
  );
}
