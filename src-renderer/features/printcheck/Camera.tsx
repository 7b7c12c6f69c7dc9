import { useEffect, useRef, useState } from 'react';
import { qrFromCanvas } from './qr.js';

/** The laptop's camera, read a few times a second until a QR code is found. */
export function Camera({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let live = true;
    const canvas = document.createElement('canvas');
    if (!navigator.mediaDevices?.getUserMedia) {
      setError('Este equipo o navegador no permite usar la cámara. Suba una imagen o escriba el código.');
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(
      (s) => {
        stream = s;
        if (!live || !video.current) return;
        video.current.srcObject = s;
        void video.current.play();
        timer = window.setInterval(() => {
          const v = video.current;
          if (!v || !v.videoWidth) return;
          canvas.width = v.videoWidth;
          canvas.height = v.videoHeight;
          canvas.getContext('2d', { willReadFrequently: true })!.drawImage(v, 0, 0);
          const code = qrFromCanvas(canvas);
          if (code) onCode(code);
        }, 250);
      },
      (e: unknown) =>
        setError(
          (e as DOMException)?.name === 'NotAllowedError'
            ? 'No se dio permiso para usar la cámara. Permítalo o suba una imagen de la copia.'
            : 'No se encontró una cámara disponible. Suba una imagen de la copia o escriba el código.',
        ),
    );
    return () => {
      live = false;
      window.clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [onCode]);
  return (
    <div className="card" role="region" aria-label="Cámara">
      {error ? (
        <p className="text-error" role="alert">
          {error}
        </p>
      ) : (
        <>
          <video ref={video} className="camera" muted playsInline aria-label="Imagen de la cámara" />
          <p className="muted">Acerque el código QR de la última página de la copia a la cámara.</p>
        </>
      )}
      <button type="button" className="button-ghost" onClick={onClose}>
        Cerrar cámara
      </button>
    </div>
  );
}
