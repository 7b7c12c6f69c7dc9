import type { DemoSeed } from './seed-types.js';

/*
 * Demo data typed by hand from two public documents of the Instituto Electoral de Michoacán:
 *  - Segundo Informe Cuatrimestral mayo–agosto 2023 de la Comisión de Modernización Institucional (CMI).
 *  - Programa Anual de Trabajo 2020 de la Comisión de Vinculación y Servicio Profesional Electoral (CVSPE).
 * Texts keep the documents' spelling (including their typos). Ordinals of agenda items, letters of
 * legal-basis lists and "➤ " bullets are left out: the app renders them from position.
 * Empty "Meta" cells of the CVSPE schedules are written as "—" (the schema requires a non-empty goal).
 */

const CVSPE_MARCO_JURIDICO: readonly string[] = [
  'Constitución Política de los Estados Unidos Mexicanos.',
  'Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
  'Ley General de Instituciones y Procedimientos Electorales.',
  'Ley General de Partidos Políticos.',
  'Ley General de Archivos.',
  'Código Electoral del Estado de Michoacán de Ocampo.',
  'Ley de Transparencia, Acceso a la Información Pública y Protección de Datos Personales del Estado de Michoacán de Ocampo.',
  'Ley de Protección de datos personales en posesión de sujetos obligados del Estado de Michoacán de Ocampo.',
  'Estatuto de Servicio Profesional Electoral Nacional y de la Rama Administrativa.',
  'Criterios Generales y Lineamientos aprobados por el Consejo General del Instituto Nacional Electoral.',
  'Reglamento de Elecciones.',
  'Reglamento Interior del Instituto Electoral de Michoacán.',
  'Reglamento para el funcionamiento de las Comisiones Permanentes del Instituto Electoral de Michoacán.',
  'Lineamientos para la Evaluación del Desempeño de los MSPEN del Sistema OPLE.',
  'Lineamientos para el otorgamiento de incentivos aprobados por el INE.',
  'Acuerdos aprobados por el Consejo General del Instituto Nacional Electoral.',
  'Acuerdos aprobados por el Consejo General del Instituto Electoral de Michoacán.',
];

const CAP_4 =
  'Cumplimiento de obligaciones de transparencia y acceso a la información, y de las funciones de Secretario Técnico de la Comisión de Vinculación y Servicio Profesional.';
const CAP_5 = 'Asuntos relativos al Servicio Profesional Electoral Nacional.';
const CAP_6 =
  'Vinculación con el Instituto Nacional Electoral, los Organismos Públicos Locales, los distintos niveles de gobierno e Instituciones Académicas y Evaluación del desempeño de los Integrantes de los Órganos Desconcentrados del Instituto Electoral de Michoacán.';

export const demoSeed: DemoSeed = {
  commissions: [
    {
      name: 'Comisión de Modernización Institucional',
      acronym: 'CMI',
      institute: 'Instituto Electoral de Michoacán',
      instituteAcronym: 'IEM',
      members: [
        { title: 'LICDA.', name: 'CAROL BERENICE ARELLANO RANGEL', role: 'presidencia', roleLabel: 'CONSEJERA PRESIDENTA' },
        { title: 'MTRA.', name: 'ARACELI GUTIÉRREZ CORTÉZ', role: 'integrante', roleLabel: 'CONSEJERA INTEGRANTE' },
        { title: 'MTRA.', name: 'VIRIDIANA VILLASEÑOR AGUIRRE', role: 'integrante', roleLabel: 'CONSEJERA INTEGRANTE' },
        { title: '', name: 'MARÍA DE LOURDES BECERRA PÉREZ', role: 'secretaria_tecnica', roleLabel: 'SECRETARÍA TÉCNICA' },
      ],
      glossary: [
        { term: 'Ley de Gobierno Digital', definition: 'Ley de Gobierno Digital del Estado de Michoacán de Ocampo.' },
        { term: 'Reglamento', definition: 'Reglamento de las Comisiones y Comités del Instituto Electoral d Michoacán.' },
        { term: 'Instituto', definition: 'Instituto Electoral de Michoacán.' },
        { term: 'Consejo General', definition: 'Consejo General del Instituto Electoral de Michoacán.' },
        { term: 'Comisión', definition: 'Comisión de Modernización Institucional.' },
        { term: 'La Coordinación', definition: 'Coordinación de informática del Instituto Electoral de Michoacán.' },
        { term: 'SIRAIEM', definition: 'Sistema Institucional de Registro de Asistencia del Instituto Electoral de Michoacán.' },
      ],
      legalBasis: [
        '98 de la Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
        '34 fracción X y 35 del Código Electoral del Estado de Michoacán de Ocampo.',
        '8 fracción II y 20 del Reglamento para el funcionamiento de las Comisiones y de los Comités del Instituto Electoral de Michoacán.',
      ],
    },
    {
      name: 'Comisión de Vinculación y Servicio Profesional Electoral',
      acronym: 'CVSPE',
      institute: 'Instituto Electoral de Michoacán',
      instituteAcronym: 'IEM',
      members: [
        { title: 'LIC.', name: 'Viridiana Villaseñor Aguirre', role: 'presidencia', roleLabel: 'PRESIDENTA' },
        { title: 'DR.', name: 'Humberto Urquiza Martínez', role: 'integrante', roleLabel: 'INTEGRANTE' },
        { title: 'LIC.', name: 'Juan Pedro Gómez Arreola', role: 'secretaria_tecnica', roleLabel: 'SECRETARIO TÉCNICO' },
      ],
      glossary: [
        { term: 'Comisión', definition: 'Comisión de Vinculación y Servicio Profesional Electoral del IEM.' },
        { term: 'DEV y SPE', definition: 'Dirección Ejecutiva de Vinculación y Servicio Profesional Electoral.' },
        { term: 'IEM', definition: 'Instituto Electoral de Michoacán.' },
        { term: 'INE', definition: 'Instituto Nacional Electoral.' },
        { term: 'MSPEN', definition: 'Miembro del Servicio Profesional Electoral Nacional.' },
        { term: 'OPLE', definition: 'Organismo Público Local Electoral.' },
        { term: 'Servicio', definition: 'Servicio Profesional Electoral Nacional.' },
        { term: 'DESPEN', definition: 'Dirección Ejecutiva del Servicio Profesional Electoral Nacional' },
      ],
      legalBasis: [...CVSPE_MARCO_JURIDICO],
    },
  ],

  sessions: [
    {
      commission: 'CMI',
      type: 'ordinaria',
      number: 3,
      year: 2023,
      date: '2023-05-30',
      modality: 'virtual',
      status: 'celebrada',
      summary:
        'Se da cuenta de tres informes presentados y se aprueba el acta de la sesión del 29 de marzo de 2023.',
      agenda: [
        {
          text: 'LECTURA DEL PROYECTO DE ACTA DE LA SESIÓN DE LA COMISIÓN DE MODERNIZACIÓN INSTITUCIONAL DEL INSTITUTO ELECTORAL DE MICHOACÁN, DE 29 VEINTINUEVE DE MARZO DE 2023 DOS MIL VEINTITRÉS, IDENTIFICADA BAJO LA CLAVE IEM-CMI-SEORD-02/2023; Y APROBACIÓN EN SU CASO.',
        },
        { text: 'INFORME DETALLADO DE LA INFRAESTRUCTURA DE RED, SERVICIOS DE INTERNET Y SERVIDORES.' },
        { text: 'INFORME SOBRE EL AVANCE EN LA IMPLEMENTACIÓN DE LA FIRMA ELECTRÓNICA.' },
        { text: 'INFORME SOBRE EL DESARROLLO DEL SISTEMA "CANDIDATAS Y CANDIDATOS CONÓCELES".' },
        { text: 'ASUNTOS GENERALES.' },
      ],
      documents: [
        { consecutive: 1, title: 'Acta IEM-CMI-SEORD-02/2023', status: 'aprobado', feminine: true, sessionDate: '2023-03-29' },
        {
          consecutive: 2,
          title: 'Informe detallado de la infraestructura de red, servicios de internet y servidores.',
          status: 'presentado',
          feminine: false,
          sessionDate: '2023-05-30',
        },
        {
          consecutive: 3,
          title: 'Informe sobre el avance en la implementación de la firma electrónica.',
          status: 'presentado',
          feminine: false,
          sessionDate: '2023-05-30',
        },
        {
          consecutive: 4,
          title: 'Informe sobre el desarrollo del sistema "candidatas y Candidatos conóceles"',
          status: 'presentado',
          feminine: false,
          sessionDate: '2023-05-30',
        },
      ],
    },
    {
      commission: 'CMI',
      type: 'extraordinaria_urgente',
      number: 4,
      year: 2023,
      date: '2023-06-27',
      modality: 'virtual',
      status: 'celebrada',
      summary:
        'El 27 de junio de 2023 en Sesión Extraordinaria Urgente se presentó el primer Informe Cuatrimestral de la Comisión, donde se dio cuenta de todas las actividades realizadas durante el periodo de enero-abril, correspondiente al primer período del año 2023, donde la Licda. Carol Berenice Arellano Rangel a estado a cargo de la Presidencia de esta Comisión. Es importante señalar que durante este tiempo se presentó el calendario para la capacitación sobre el uso del correo institucional, se realizó el registro de asistencia mediante el SIRAIEM y finalmente, a principios de febrero de la presente anualidad se realizó la capacitación de forma híbrida, es decir, presencial y virtual para todas las personas que laboran en este Instituto.',
      agenda: [
        {
          text: 'INFORME CUATRIMESTRAL DE LA COMISIÓN DE MODERNIZACIÓN INSTITUCIONAL, CORRESPONDIENTE AL PERIODO ENERO-ABRIL DE 2023, Y APROBACIÓN EN SU CASO.',
        },
      ],
      documents: [
        {
          consecutive: 1,
          title: 'Primer informe cuatrimestral de enero-abril de 2023',
          status: 'aprobado',
          feminine: false,
          sessionDate: '2023-06-27',
        },
      ],
    },
    {
      commission: 'CMI',
      type: 'ordinaria',
      number: 5,
      year: 2023,
      date: '2023-07-27',
      modality: 'virtual',
      status: 'celebrada',
      summary: '',
      agenda: [
        {
          text: 'LECTURA DE LOS PROYECTOS DE ACTAS DE LAS SESIONES DE LA COMISIÓN DE MODERNIZACIÓN INSTITUCIONAL DEL INSTITUTO ELECTORAL DE MICHOACÁN IDENTIFICADAS BAJO LAS CLAVES IEM-CMI-SEORD-03/2023, DE FECHA 30 TREINTA DE MAYO Y TAMBIÉN EL ACTA IEM-CMI-SEXTU-04/2023, DE FECHA 27 DE JUNIO, AMBAS DEL AÑO 2023 Y APROBACIÓN EN SU CASO.',
        },
        {
          text: 'PRESENTACIÓN DEL CRONOGRAMA DE ACTIVIDADES PARA LA ELABORACIÓN DE LOS DOCUMENTOS QUE SE DESCRIBEN A CONTINUACIÓN:',
          subitems: [
            '2.1 PROYECTO DE LINEAMIENTOS PARA EL USO ADECUADO DE LAS TICS',
            '2.2 PROYECTO DE LINEAMIENTO DE DESARROLLO Y MANTENIMIENTO DE SISTEMAS INSTITUCIONALES',
            '2.3 PROYECTO DE LINEAMIENTOS DE CONTRASEÑAS',
            '2.4 PROYECTO DE LINEAMIENTOS DE USO DE INTERNET Y RED DE DATOS',
            '2.5 PROYECTO DE LINEAMIENTOS DE USO DE SOFTWARE.',
          ],
        },
        { text: 'ASUNTOS GENERALES.' },
      ],
      documents: [
        { consecutive: 1, title: 'IEM-CMI-SEORD-03/2023', status: 'aprobado', feminine: false, sessionDate: '2023-05-30' },
        { consecutive: 2, title: 'IEM-CMI-SXTU-04/2023', status: 'aprobado', feminine: false, sessionDate: '2023-06-27' },
        {
          consecutive: 3,
          title: 'Cronograma de actividades para el seguimiento de los cinco Proyectos de Lineamientos',
          status: 'presentado',
          feminine: false,
          sessionDate: '2023-07-27',
        },
      ],
    },
  ],

  activities: [
    // 5.1 Actividades Ordinarias
    {
      commission: 'CMI',
      year: 2023,
      kind: 'ordinaria',
      number: 1,
      title:
        'Proponer mejoras a la infraestructura institucional en lo que respecta al uso de Software y Hardware, ya sea actualizando los servidores propios oa través del servicio de un tercero',
      progress: [
        { period: 1, percent: 50, narrative: '' },
        {
          period: 2,
          percent: 100,
          narrative: [
            'En este apartado se puso en marcha un modelo de servidores virtualizados, cuya principal característica es la posibilidad de almacenar instantáneas de los servidores y almacenarlas de manera organizada con el objetivo de poder recuperar los estados de los servidores en momentos distintos de su operación, esta actividad permitirá la recuperación de información o la reconstrucción en recuperación de desastres.',
            'Además de lo descrito en el párrafo anterior, en el mes de julio se llevó a cabo la migración del servidor de correo, del cual ahora se cuenta con control total y se procedió a limpiar la dirección IP del servidor para garantizar la entrega de correo, paralelamente a esto se contrató un servicio de mitigación de ataques de denegación de servicios.',
            'Finalmente se activó un firewall perimetral Fortigate, que en conjunto con el firewall Cisco ASA5500 garantizarán la seguridad de nuestros servidores.',
          ].join('\n\n'),
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'ordinaria',
      number: 2,
      title: 'Implementar la Biblioteca digital en la página del Instituto',
      progress: [
        { period: 1, percent: 50, narrative: '' },
        {
          period: 2,
          percent: 100,
          narrative:
            'La biblioteca digital fue concluida en su primera versión en el mes de mayo, y se presentó durante el evento de aniversario del Instituto, cabe señalar que, no obstante, se encuentra en operación la primera versión de este sitio, cabe señalar que ya se ha proyectado su mantenimiento y actualización de diseño.',
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'ordinaria',
      number: 3,
      title:
        'Seguimiento al diagnóstico y evaluación realizado a todas las áreas que conforman este Instituto, de las políticas públicas internas relativas a los medios digitales para su implementación',
      progress: [
        { period: 1, percent: 75, narrative: '' },
        {
          period: 2,
          percent: 100,
          narrative:
            'A través de la Secretaría Ejecutiva se solicitó a cada una de las áreas del Instituto, que estas informaran de los casos que implicaran publicación, actualización o remoción de información en la página Institucional, al respecto se cumplió con el 100% de las solicitudes presentadas por las áreas de este Organismo.',
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'ordinaria',
      number: 4,
      title:
        'Continuar con la implementación de la herramienta de inclusión para facilitar el acceso y navegación de la página institucional, para que todos los trámites y servicios sean accesibles para las personas con discapacidad visual y auditiva y que los contenidos se expongan en las principales lenguas indígenas del Estado',
      progress: [
        { period: 1, percent: 50, narrative: '' },
        {
          period: 2,
          percent: 80,
          narrative:
            'Se estudió la posibilidad de adherir el sitio web del Instituto a la licencia de uso de la herramienta de inclusión desarrollada por la Comisión Estatal para el Acceso a la Información Pública del Estado de Sinaloa; sin embargo, al no tener claro los tramos de seguridad de la información y los puntos de interconexión del servicio se consideró no viable su utilización, motivo por el cual se retomó la comunicación con la empresa INKLUSION S.A. de C.V. para lo cual se han tomado las consideraciones presupuestales y técnicas para la implementación de dicha herramienta dentro de la página pública del Instituto. Cabe señalar que aún están pendientes una serie de reuniones con las diferentes áreas del instituto ya que en función de la información que se pretenda traducir a lenguas indígenas o bien lengua de señas, se tendrá que definir los elementos susceptibles de ser traducidos.',
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'ordinaria',
      number: 5,
      title: 'Continuar con el seguimiento a la actualización y nuevo diseño de lapágina institucional.',
      progress: [
        { period: 1, percent: 50, narrative: '' },
        {
          period: 2,
          percent: 80,
          narrative:
            'Se ha continuado el trabajo de actualización en el diseño de la nueva página institucional, dentro de las adecuaciones realizadas se encuentra la sustitución del logotipo institucional el cual ha sido aprobado mediante acuerdo de la Junta Estatal Ejecutiva No. IEM-JEE-09/2023; sin embargo, aún se encuentra pendiente la aprobación del resto del Manual de Identidad Institucional y hasta entonces se podrá avanzar ya que se depende de manera substancial de la aprobación de este manual para continuar con las adecuaciones estéticas.',
        },
      ],
    },

    // 5.2 Actividades Específicas
    {
      commission: 'CMI',
      year: 2023,
      kind: 'especifica',
      number: 1,
      title: 'Coordinar la elaboración y aprobar los Lineamientos de "Firma Avanzada";',
      progress: [
        { period: 1, percent: 25, narrative: '' },
        {
          period: 2,
          percent: 75,
          narrative: [
            'El 30 de junio de 2023 se presentó a la Secretaría Ejecutiva el documento denominado "Reglamento de Firma Electrónica IEM" en el ánimo de que se incluya éste en la reglamentación interna del Instituto, en el cual se definen las reglas de operación de la Firma Electrónica Avanzada, destacando que se encuentra alineado con la Ley de Firma Electrónica Avanzada.',
            'Además de este documento, es importante señalar que se cuenta con un sistema de gestión documental automatizado que incluye un apartado de firma electrónica, por este motivo se sostuvo una primera reunión con la Presidencia de este Instituto, con el objetivo de iniciar las gestiones ante el Sistema de Administración Tributaria para la obtención del Certificado, mismo que es necesario para la autenticación en el webservice del SAT.',
            'Así mismo de la implementación de la Firma Electrónica Avanzada mediante este sistema, se destaca que recientemente en los trabajos relativos del observatorio de la comunidad LGBTQIA+ y también durante la integración de los Órganos Desconcentrados del Instituto en donde se avanzó en acercar y facilitar el trámite de solicitud al integrarse una firma electrónica gráfica que bien podía hacerse con un dispositivo táctil o entrada de ratón, luego dicha firma vectorizada era codificada con un algoritmo de base30 y almacenada en una base de datos como una cadena de texto encriptada, para posteriormente recuperarse, decodificarse y ser impresa en los documentos que el ciudadano autorizaba firmar, gracias a esta implementación de firma electrónica se evitaron descargar, imprimir y firmar de manera autógrafa, escanear y cargar en la plataforma para la integración de 26,328 documentos.',
          ].join('\n\n'),
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'especifica',
      number: 2,
      title: 'Coordinar la elaboración y aprobar los Lineamientos de "Notificaciones Electrónicas";',
      progress: [
        { period: 1, percent: 25, narrative: '' },
        {
          period: 2,
          percent: 50,
          narrative: [
            'La actividad de notificar vía correo a los aspirantes a la Integración de Órganos Desconcentrados, la Coordinación puso en marcha una aplicación web a través de la cual fue posible notificar a cada uno de los aspirantes sobre los requerimientos que debían subsanar para continuar en el proceso de integración, esta herramienta permitió seleccionar grupos de aspirantes a notificar además de que construyo automáticamente el correo personalizado.',
            "Esta herramienta se estará aprovechando en el registro de candidaturas para notificar los requisitos que debieran ser subsanados, ya que además de la opción de notificación por correo se pretende incluir la notificación vía Whatsapp y SMS, estos elementos ya están en fase de desarrollo para interconectar con las API'S de servicios de mensajería instantánea.",
          ].join('\n\n'),
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'especifica',
      number: 3,
      title: 'Seguimiento a la implementación en la página del Instituto de la ventanilla de servicios digitales',
      progress: [
        { period: 1, percent: 50, narrative: '' },
        {
          period: 2,
          percent: 50,
          narrative:
            'El desarrollo de la ventanilla de servicios se encuentra directamente relacionada con el diseño de la nueva página web institucional, por lo que en lo relativo a su diseño no se registró un avance sustantivo en este rubro, y se continua a la espera de que manual de identidad institucional sea aprobado para la liberación del sitio, derivado de la investigación reciente sobre la operación de distintas ventanillas de servicios se ha constatado que la necesidad de generar eFormatos (Formatos electrónicos), que se encuentren debidamente soportados para cada una de las actividades en la vida digital, por mínima que esta parezca, es decir, existe el préstamo de urnas para actividades lúdicas o bien para llevar acabo elecciones escolares, este tipo de servicios son los que deben ser incluidos en la ventanilla de servicios pero se debe traducir el formato actual en papel a un formato electrónico y preferentemente debería estar soportado con una firma electrónica, o bien otro tipo de elemento de seguridad que garantice la autenticidad del trámite. Cuando se consultó a las áreas del Instituto sobre los trámites o servicios ofrecidos se omitieron algunos, como el que ahora mismo se comenta, por otra parte, en el ánimo de no invadir atribuciones se omitió la inclusión de la solicitud de integración de observatorios ciudadanos, o bien solicitud de creación de nuevos partidos o inclusive solicitudes de información para el registro de candidaturas independientes, por lo que los ciudadanos continúan desfilando de manera presencial para solicitar dicha información, con esto advertimos la necesidad de llevar a cabo una revisión profunda de las distintas áreas del Instituto, ya que a simple vista se detectan servicios que en un orden institucional deberían incluirse.',
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'especifica',
      number: 4,
      title: 'Coordinar la elaboración y aprobar los Lineamientos para la operación de la ventanilla de servicios digitales',
      progress: [
        { period: 1, percent: 0, narrative: '' },
        {
          period: 2,
          percent: 50,
          narrative:
            'En acompañamiento al desarrollo de la ventanilla de servicios digitales, es necesario contar con reglas de operación para los actos presentados a través de dicha ventanilla, por este motivo en el mes de junio de 2023 la Coordinación se puso en contacto con personal de la Subdirección de Desarrollo Digital de la Unidad de Política Regulatoria del Instituto Federal de Telecomunicaciones, con el objetivo de conocer su experiencia en la implementación de la ventanilla de servicios digitales, de estas reuniones se comenzó la confección de los Lineamientos para la Operación de la Ventanilla de Servicios Digitales, pero tal y como se comentó en el punto 3 del presente informe es necesario revisar a detalle los servicios ofrecidos para asegurar que la operación de la ventanilla se encuentre dentro del marco legal de nuestra Institución y una de las recomendaciones que se hicieron fue contar con un medio de firma electrónica que de certeza jurídica del trámite que por parte del ciudadano se esté realizando, desde su origen hasta el final y que este pueda obtener su trazabilidad en la línea temporal.',
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'especifica',
      number: 5,
      title:
        'Coordinar la elaboración y aprobar los Lineamientos del Instituto para la comunicación con la ciudadanía a través de la página web y redes sociales',
      progress: [
        { period: 1, percent: 50, narrative: '' },
        {
          period: 2,
          percent: 75,
          narrative: [
            'La interacción que lleven a cabo los ciudadanos con el Instituto y la respuesta que éste brinde en consecuencia deberá estar debidamente regulada al tratarse de una comunicación de ida y vuelta, es pertinente contar con Lineamientos para la Comunicación a través de la página web y redes sociales institucionales, en este sentido se elaboró un proyecto de lineamientos para regular la comunicación en redes sociales, dicho documento no ha sido presentado aun; sin embargo, cabe señalar que se realizó un estudio del tema apoyado en el documento denominado "Políticas Generales para la Difusión de Información Pública Mediante las Redes Sociales Digitales" emitido por el Sistema Nacional de Transparencia, Acceso a la Información Pública y Protección de Datos Personales, del cual nuestra Entidad Federativa forma parte y que en Sesión Extraordinaria de 2019, del Consejo Nacional del Sistema Nacional de Transparencia, Acceso a la Información Pública y Protección de Datos Personales, celebrada el 18 de junio de 2019, fue presentado, sometido a discusión y aprobado por mayoría en lo general y en lo particular.',
            'Por lo citado en el párrafo anterior se considera conveniente socializar el proyecto de "Lineamientos para regular la comunicación con la ciudadanía a través de la página web y redes sociales."',
          ].join('\n\n'),
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'especifica',
      number: 6,
      title: 'Coordinar la elaboración y aprobar los Lineamientos para las transmisiones en vivo que lleve a cabo el Instituto',
      progress: [
        { period: 1, percent: 50, narrative: '' },
        {
          period: 2,
          percent: 75,
          narrative: [
            "En el rubro de transmisiones en vivo, ya fueron presentados los Lineamientos de TIC'S, en cuyo artículo 20 se detalla el procedimiento para la solicitud de salas de videoconferencia además de otros requisitos para la transmisión en redes sociales.",
            'Además de este documento, se ha implementado aun en su etapa de pruebas un formulario para solicitar las salas de videoconferencia, y asimismo, si requiere de transmisión en vivo o bien si requerirá interprete de lengua de señas o algún tipo de registro adicional para generar estadísticas de cada reunión; por otra parte, se han emitido dentro del Manual Organizacional y de Procedimientos de la Coordinación, un apartado de políticas de del área en la que se incluyen las buenas prácticas para realizar videoconferencias y transmisiones seguras.',
          ].join('\n\n'),
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'especifica',
      number: 7,
      title:
        'Proponer y coordinar el desarrollo de una Plataforma Moodle denominada "Aula IEM", en la que agreguen los cursos y capacitaciones que se brinden al personal.',
      progress: [
        { period: 1, percent: 25, narrative: '' },
        {
          period: 2,
          percent: 25,
          narrative:
            'Se ha configurado como sitio de pruebas bajo el aplicativo de Moodle el cual es una plataforma configurable para instituciones docentes, de uso de licencia libre, la plataforma se encuentra lista para albergar cursos; sin embargo, es necesario sostener reuniones con la Dirección Ejecutiva de Educación Cívica y Participación Ciudadana, con el objetivo de diseñar los planes de cursos que se ofertaran al personal del Instituto.',
        },
      ],
    },

    // 5.3 Actividades en Proceso Electoral Local Ordinario 2023-2024 (the report numbers them 1 and 5)
    {
      commission: 'CMI',
      year: 2023,
      kind: 'proceso_electoral',
      number: 1,
      title:
        'Coordinar y dar seguimiento al cumplimiento de los Lineamientos para el uso del sistema "Candidatas y Candidatos, Conócelos" para los Procesos Electorales Locales',
      progress: [
        { period: 1, percent: 10, narrative: '' },
        {
          period: 2,
          percent: 25,
          narrative: [
            'Conforme al punto 12 de los Lineamientos para el uso del Sistema "Candidatas y Candidatos, Conócelos" para los Procesos Electorales Locales, se han cumplido con las dos primeras actividades, además se informa que a más tardar el 5 de octubre se informará del cronograma y el plan de trabajo para el desarrollo de dicho sistema como parte del primer informe a rendir de acuerdo a lo estipulado en el lineamiento en comento.',
            'Además de lo citado con anterioridad, se informa que, a partir del 30 de agosto de 2023 en Sesión Extraordinaria del Consejo General del Instituto, se aprobó mediante acuerdo IEM-CG-52/2023 la designación de la Coordinación de Prerrogativas y Partidos Políticos de este Instituto como la instancia interna responsable de coordinar la implementación y operación del sistema "Candidatas y Candidatos, Conócelos" para el Proceso Electoral Ordinario Local 2023-2024.',
          ].join('\n\n'),
        },
      ],
    },
    {
      commission: 'CMI',
      year: 2023,
      kind: 'proceso_electoral',
      number: 5,
      title:
        'Aprobar el Plan de Trabajo para la implementación del Sistema en mención y los procesos asociados, el cual deberá contener al menos los siguientes temas: a) Análisis b) Diseño c) Construcción d) Pruebas',
      progress: [
        { period: 1, percent: 10, narrative: '' },
        {
          period: 2,
          percent: 35,
          narrative: [
            'La Comisión de Prerrogativas y Partidos Políticos deberá aprobar el Plan de Trabajo para la implementación del Sistema en mención y los procesos asociados, el cual deberá contener al menos los siguientes temas:',
            'Análisis',
            'El pasado viernes 8 de septiembre de 2023, se realizó una presentación a las áreas involucradas en el proceso técnico operativo, en dicha presentación se encontraron presentes las Consejerías del Instituto, quienes puntualizaron observaciones al proceso técnico operativo, además de realizar propuestas de mejora que permitan el traspaso de información entre los diversos sistemas que tienen relación con el registro de candidaturas tales como el "SNR" del INE, y los desarrollos propios del Instituto de "Registro de Candidatos" y "Candidatos y Candidatas, Conóceles".',
            'Diseño',
            'En esa misma reunión se presentaron algunos avances sobre los elementos de diseño para el sistema los cuales se muestran en la imagen 7.',
          ].join('\n\n'),
        },
      ],
    },
  ],

  programmes: [
    {
      commission: 'CVSPE',
      year: 2020,
      title: 'Programa Anual de Trabajo 2020',
      presentation: [
        'En 2014 con la creación de la Ley General de Instituciones y Procedimientos Electorales, surge la necesidad de comprender de manera integral al Sistema Electoral que abarca un conjunto de instituciones y de procesos que no se desempeñan de manera aislada, sino que se relacionan, interactúan y se complementan, de ahí que, para evitar la duplicidad de tareas y volver más eficiente la función del Estado en la materia, es necesaria una estrecha coordinación entre las autoridades federales y locales en la materia y prever mecanismos adicionales para la organización de los procesos comiciales.',
        'Dicho ordenamiento jurídico distribuye competencias entre el Instituto Nacional Electoral y los Organismos Públicos Locales Electorales (OPLE); definiendo los ámbitos de actuación y responsabilidad que corresponden a cada uno, para elecciones federales, locales o concurrentes; asimismo, se dispusieron atribuciones especiales de atracción, delegación y asunción de facultades y el establecimiento de un Servicio Profesional Electoral Nacional en los Institutos Locales.',
        'La Dirección de Vinculación y Servicio Profesional Electoral es un pilar fundamental ya que funge como el vínculo entre el Instituto Electoral de Michoacán y el Instituto Nacional Electoral, así como con los Organismos Públicos Locales de las diversas entidades federativas; que además atiende los temas relativos al Servicio Profesional Electoral Nacional del Sistema OPLE, teniendo entre sus atribuciones el promover la coordinación entre el Instituto Nacional Electoral y el Instituto para el desarrollo de la función electoral; coadyuvar con la Dirección Ejecutiva del Servicio Profesional Electoral del INE para el desarrollo de las acciones derivadas de la selección, ingreso, capacitación, profesionalización, promoción, evaluación, rotación, permanencia y disciplina de los servidores públicos; otra de las tareas que le corresponden es coadyuvar en la celebración de convenios de apoyo y colaboración con instituciones académicas y organismos públicos de las demás entidades; llevar el registro del personal que se incorpore a la rama administrativa y operar las actividades de capacitación que fortalezcan las competencias del personal para el desempeño del cargo o puesto.',
        'Con el fin de dar cumplimiento al cumulo de atribuciones, la Comisión de Vinculación y Servicio Profesional Electoral del Instituto Electoral de Michoacán presenta el Plan Anual de Trabajo correspondiente al año 2020.',
      ].join('\n\n'),
      legalFramework: [...CVSPE_MARCO_JURIDICO],
      sections: [
        // 3.
        {
          number: '3',
          title:
            'Comunicación interinstitucional y operación de la herramienta informática Sistema de Control, Seguimiento Documental y Archivo Digital.',
          generalObjective:
            'Promover la coordinación entre el Instituto Nacional Electoral y el Instituto Electoral de Michoacán, para el desarrollo de la función electoral, así como establecer vínculos y realizar actividades conjuntas con los demás organismos públicos locales y los gobiernos federal, estatal y municipal, así como notificar acuerdos, resoluciones y demás documentación remitida por el Instituto Nacional y ser el enlace de comunicación con las distintas áreas de este, para el envío de información.',
          specificObjectives: [
            {
              letter: 'a',
              text: 'Impulsar la eficacia en el flujo de información interna del Instituto Electoral de Michoacán, y la comunicación interinstitucional con el Instituto Nacional Electoral, con un oportuno seguimiento de las solicitudes de información para el buen desarrollo de la función electoral.',
              linesOfAction: [
                'Dar seguimiento a las sesiones de Consejo General, Junta General, así como de las Comisiones del INE.',
                'Rendir los informes correspondientes a la Comisión de Vinculación y Servicio Profesional Electoral, respecto al cumplimiento de las solicitudes planteadas por el INE.',
                'Enviar oportunamente al INE, los acuerdos y resoluciones emitidas por el Consejo General del IEM.',
                'Notificar a las diversas áreas operativas del IEM, las resoluciones, acuerdos y lineamientos que emita el INE y que sean de su competencia.',
                'Notificar a los Consejeros Electorales del IEM, así como a las áreas operativas correspondientes, las respuestas emitidas por el INE a las consultas realizadas por los diversos OPLE.',
                'Coordinar la preparación y carga de la información que debe incorporarse a los sistemas informáticos del INE.',
              ],
            },
            {
              letter: 'b',
              text: 'Procurar que el envío y recepción de la información derivada de la relación con el INE, sea a través de la DEVySPE.',
              linesOfAction: [
                'Elaborar tarjetas informativas dirigidas a las diversas áreas operativas del IEM, respecto de la documentación, información y solicitudes provenientes del INE.',
              ],
            },
            {
              letter: 'c',
              text: 'Construir iniciativas institucionales que le permitan al IEM ampliar los canales de comunicación con la ciudadanía.',
              linesOfAction: [
                'Dar seguimiento a las solicitudes del INE a través de la plataforma de Registro y Seguimiento Documental del IEM.',
              ],
            },
            {
              letter: 'd',
              text: 'Aprovechar las tecnologías de la información con las que se cuenta hoy en día, para mejorar el desempeño de las actividades y potenciar el adecuado cumplimiento de los objetivos institucionales.',
              linesOfAction: [
                'Coordinar y ejecutar los trabajos de seguimiento en la operación de la plataforma digital "Sistema de registro, seguimiento documental y archivo digital" del Instituto Electoral de Michoacán correspondiente al SIVOPLE.',
                'Cargar la información derivada del SIVOPLE a la plataforma de seguimiento y archivo documental del IEM.',
              ],
            },
          ],
          legalBasis: [
            'Constitución Política de los Estados Unidos Mexicanos.',
            'Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
            'Código Electoral del Estado de Michoacán de Ocampo.',
            'Ley General de Instituciones y Procedimientos Electorales.',
            'Ley General de Archivos.',
            'Criterios Generales y Lineamientos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Reglamento Interior del Instituto Electoral de Michoacán.',
            'Acuerdos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Acuerdos aprobados por el Consejo General del Instituto Electoral de Michoacán.',
          ],
          schedule: [
            {
              lineOfAction:
                'Dar seguimiento a las sesiones de Consejo General, Junta General, así como de las Comisiones del INE, acompañadas de una síntesis informativa para circular al Consejo General del Instituto Electoral de Michoacán, y al área operativa según sea el caso.',
              unit: 'Sesión',
              goal: 'La DEVySPE se encuentre al tanto de lo aprobado en dichas Sesiones.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Dar seguimiento a la notificación a las diversas áreas del Instituto Electoral de Michoacán las resoluciones, acuerdos y lineamientos que emita el Instituto Nacional Electoral y que resulten aplicables a las funciones que desempeñan.',
              unit: 'Documento',
              goal: 'Los Consejeros Electorales, así como las distintas áreas del IEM tengan conocimiento de lo aprobado en dichas Sesiones.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Dar seguimiento a la notificación a los Consejeros Electorales así como a las áreas correspondientes (según el tema), las respuestas emitidas por el INE a las consultas realizadas por los OPLE de las entidades federativas, acompañadas de tarjetas informativas que contienen una síntesis de cada consulta.',
              unit: 'Documento',
              goal: 'Los Consejeros Electorales del IEM y las áreas correspondientes, tengan conocimiento de las consultas realizadas por los OPLE de las entidades federativas.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Dar seguimiento oportuno a los oficios, circulares, en general a los documentos enviados por las áreas del INE para atención por parte del IEM.',
              unit: 'Documento',
              goal: 'Las áreas operativas del IEM se encuentren al tanto de la normativa emitida por el INE y que corresponda a sus funciones.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Dar seguimiento al envío oportuno al INE, los acuerdos y resoluciones emitidas por el Consejo General del IEM.',
              unit: 'Documento',
              goal: 'El INE se encuentre enterado de lo aprobado por el Consejo General del IEM.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Dar seguimiento en la operación de la plataforma digital "Sistema de registro, seguimiento documental y archivo digital" del Instituto Electoral de Michoacán correspondientes al SIVOPLE.',
              unit: 'Reunión',
              goal: 'Potenciar el control, distribución y almacenamiento de la documentación recibida por la DEVySPE en beneficio del área y del IEM.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Dar seguimiento a la preparación y carga de la información que debe incorporarse a los sistemas informáticos del INE.',
              unit: 'Documento',
              goal: 'El INE tenga conocimiento de la información que se genera dentro del IEM.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Verificar la carga de la información derivada del SIVOPLE a la plataforma de seguimiento y archivo documental del IEM.',
              unit: 'Documento',
              goal: 'Que la Plataforma se encuentre debidamente alimentada y con los datos solicitados completos.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Dar seguimiento a las solicitudes del INE a través de la plataforma de Registro y Seguimiento Documental del IEM.',
              unit: 'Documento',
              goal: 'Fomentar entre la DEVySPE y las áreas operativas del IEM, una dinámica que permita la pronta y adecuada atención de las solicitudes realizadas por el INE.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Rendir los informes correspondientes a la Comisión de Vinculación y Servicio Profesional Electoral, respecto al cumplimiento de las solicitudes planteadas por el INE.',
              unit: 'Documento',
              goal: 'Las áreas operativas del IEM tengan conocimiento de la información remitida conforme a las atribuciones que corresponda.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
          ],
        },

        // 4.1
        {
          number: '4.1',
          title: 'Transparencia y acceso a la información pública.',
          parentTitle: CAP_4,
          generalObjective:
            'Los sujetos obligados deben poner a disposición de los particulares la información a que se refiere la Ley de Transparencia, Acceso a la Información Pública y Protección de Datos Personales del Estado de Michoacán de Ocampo, en los sitios de Internet correspondientes y a través de la Plataforma Nacional.',
          specificObjectives: [
            {
              letter: 'a',
              text: 'Actualizar la información correspondiente a las obligaciones de transparencia y atención a las solicitudes de acceso a la información.',
              linesOfAction: [
                'Atender las solicitudes de acceso a la información.',
                'Actualizar el micrositio de la Plataforma Nacional de Transparencia, respecto a concursos que para ocupar cargos públicos haya publicado el IEM.',
                'Atender los requerimientos que se deriven de la puesta en funcionamiento de la Ley General de Archivos.',
              ],
            },
          ],
          legalBasis: [
            'Constitución Política de los Estados Unidos Mexicanos.',
            'Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
            'Código Electoral del Estado de Michoacán de Ocampo.',
            'Ley General de Instituciones y Procedimientos Electorales.',
            'Ley de Transparencia, Acceso a la Información Pública y Protección de Datos Personales del Estado de Michoacán de Ocampo.',
            'Ley de Protección de datos personales en posesión de sujetos obligados del Estado de Michoacán de Ocampo.',
            'Criterios Generales y Lineamientos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Reglamento Interior del Instituto Electoral de Michoacán.',
            'Acuerdos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Acuerdos aprobados por el Consejo General del Instituto Electoral de Michoacán.',
          ],
          schedule: [
            {
              lineOfAction: 'Atender las solicitudes de acceso a la información.',
              unit: 'Documento',
              goal: 'Dar el seguimiento correspondiente a todas las solicitudes en tiempo y forma.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Actualizar el micrositio de la Plataforma Nacional de Transparencia, respecto a concursos que para ocupar cargos públicos haya publicado el IEM.',
              unit: 'Actualización',
              goal: 'Las personas interesadas en ocupar cargos públicos dentro del Instituto estén informados y orientados en cuanto al proceso de los concursos.',
              physicalQuantity: 3,
              months: [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0],
            },
            {
              lineOfAction:
                'Atender los requerimientos que se deriven de la puesta en funcionamiento de la Ley General de Archivos.',
              unit: 'Documento',
              goal: 'Conservación del acervo documental del IEM, así como para fomentar el resguardo, difusión y acceso de archivos.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
          ],
        },

        // 4.2
        {
          number: '4.2',
          title: 'Funciones de Secretario Técnico de la Comisión de Vinculación y Servicio Profesional Electoral.',
          parentTitle: CAP_4,
          generalObjective:
            'De acuerdo con el Reglamento para el funcionamiento de las Comisiones Permanentes del Instituto Electoral de Michoacán, corresponde al titular del área fungir como Secretario Técnico.',
          specificObjectives: [
            {
              letter: 'a',
              text: 'Realizar las actividades necesarias para auxiliar a la Presidencia y a las y los integrantes de la Comisión de Vinculación y Servicio Profesional Electoral.',
              linesOfAction: [
                'Coadyuvar con la Presidencia en la elaboración del orden del día de las sesiones y reuniones de trabajo.',
                'Notificar oportunamente las convocatorias.',
                'Informar a los integrantes de la Comisión la cumplimentación de las circulares, acuerdos y dictámenes de la Comisión.',
              ],
            },
            {
              letter: 'b',
              text: 'Elaboración de las actas, acuerdos, informes, así como dar seguimiento al cumplimiento de los Acuerdos tomados por la Comisión.',
              linesOfAction: [
                'Integrar los expedientes de los asuntos que deben tratarse en las sesiones o reuniones de trabajo.',
                'Elaborar los proyectos de acuerdo, resoluciones, dictámenes, informes y demás documentos necesarios para el cumplimiento de las atribuciones de la Comisión.',
                'Elaborar la convocatoria a sesión de la Comisión.',
                'Elaborar el proyecto de acta de las sesiones que celebre la Comisión.',
                'Elaborar los informes que le sean solicitados por la Comisión.',
              ],
            },
          ],
          legalBasis: [
            'Constitución Política de los Estados Unidos Mexicanos.',
            'Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
            'Código Electoral del Estado de Michoacán de Ocampo.',
            'Ley General de Instituciones y Procedimientos Electorales.',
            'Reglamento para el funcionamiento de las Comisiones Permanentes del Instituto Electoral de Michoacán.',
            'Acuerdos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Acuerdos aprobados por el Consejo General del Instituto Electoral de Michoacán.',
          ],
          schedule: [
            {
              lineOfAction:
                'Coadyuvar con la Presidencia en la elaboración del orden del día de las sesiones y reuniones de trabajo.',
              unit: 'Documento',
              goal: 'Permite y precisa una adecuada conformación de los asuntos o temas a tratar en las sesiones.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Integrar los expedientes de los asuntos que deben tratarse en las sesiones o reuniones de trabajo.',
              unit: 'Documento',
              goal: '—',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Elaborar los proyectos de acuerdo, resoluciones, dictámenes, informes y demás documentos necesarios para el cumplimiento de las atribuciones de la Comisión.',
              unit: 'Documento',
              goal: 'Ejecución de acuerdos y demás resoluciones que se determinen dentro de la Comisión.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Elaborar la convocatoria a sesión de la Comisión.',
              unit: 'Documento',
              goal: 'Los integrantes de la Comisión tengan pleno conocimiento con antelación de las sesiones que se realizan por parte de la Comisión.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Notificar oportunamente las convocatorias.',
              unit: 'Notificación',
              goal: '—',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Elaborar el proyecto de acta de las sesiones que celebre la Comisión.',
              unit: 'Actas',
              goal: 'Permite tener una constante coordinación y vinculación con dicha Comisión.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Elaborar los informes que le sean solicitados por la Comisión.',
              unit: 'Documento',
              goal: 'Estar en coordinación y colaboración',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Informar a los integrantes de la Comisión la cumplimentación de las circulares, acuerdos y dictámenes de la Comisión.',
              unit: 'Documentos',
              goal: 'Permite tener un pleno conocimiento de las funciones de la Comisión.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
          ],
        },

        // 5.1
        {
          number: '5.1',
          title:
            'Capacitación a los Miembros del Servicio Profesional Electoral y realización de las actividades del Concurso Público para ocupar plazas y puestos del Servicio Profesional Electoral Nacional.',
          parentTitle: CAP_5,
          generalObjective:
            'Capacitación a los Miembros del Servicio Profesional Electoral y realización de las actividades del Concurso Público para ocupar plazas y puestos del Servicio Profesional Electoral Nacional.',
          specificObjectives: [
            {
              letter: 'a',
              text: 'Implementar un programa de formación y capacitación que contribuya a la profesionalización y al desarrollo de competencias de los Miembros del Servicio Profesional Electoral y de los funcionarios de la Rama Administrativa para que el Instituto Electoral de Michoacán cuente con personal mejor preparado y especializado.',
              linesOfAction: [
                'Realizar el diagnóstico de las necesidades de capacitación de los Miembros del Servicio.',
                'Efectuar las gestiones necesarias con diversas instituciones académicas para desarrollar las actividades de capacitación para los MSPEN y personal de la Rama Administrativa.',
                'Elaborar el material didáctico necesario para las actividades de capacitación a los Miembros del Servicio y de la Rama Administrativa.',
                'Realizar las actividades de capacitación a los Miembros del Servicio Profesional.',
                'Coordinar la impartición de los cursos de formación para el personal de la Rama Administrativa del Instituto.',
                'Aplicar la evaluación de las actividades de capacitación a los Miembros del Servicio Profesional Electoral.',
              ],
            },
            {
              letter: 'b',
              text: 'Brindar el apoyo necesario en las actividades correspondientes al Concurso Público para ocupar plazas y puestos del Servicio Profesional Electoral Nacional.',
              linesOfAction: [
                'Realizar las tareas de apoyo al Concurso Público para ocupar cargos y puestos del Servicio Profesional Electoral Nacional.',
              ],
            },
          ],
          legalBasis: [
            'Constitución Política de los Estados Unidos Mexicanos.',
            'Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
            'Código Electoral del Estado de Michoacán de Ocampo.',
            'Ley General de Instituciones y Procedimientos Electorales.',
            'Estatuto de Servicio Profesional Electoral Nacional y de la Rama Administrativa.',
            'Criterios Generales y Lineamientos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Reglamento Interior del Instituto Electoral de Michoacán.',
            'Lineamientos para la Evaluación del Desempeño de los MSPEN del Sistema OPLE.',
            'Acuerdos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Acuerdos aprobados por el Consejo General del Instituto Electoral de Michoacán.',
          ],
          schedule: [
            {
              lineOfAction: 'Realizar el diagnóstico de las necesidades de capacitación de los Miembros del Servicio.',
              unit: 'Diagnóstico',
              goal: 'Definir e implementar un programa de capacitación que fortalezca las habilidades y conocimientos del personal del SPEN.',
              physicalQuantity: 2,
              months: [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Efectuar las gestiones necesarias con diversas instituciones académicas para desarrollar las actividades de capacitación para los MSPEN y personal de la Rama Administrativa.',
              unit: 'Cotización',
              goal: '—',
              physicalQuantity: 2,
              months: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Elaborar el material didáctico necesario para las actividades de capacitación a los Miembros del Servicio y de la Rama Administrativa.',
              unit: 'Documento',
              goal: '—',
              physicalQuantity: 2,
              months: [0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
            },
            {
              lineOfAction: 'Realizar las actividades de capacitación a los Miembros del Servicio Profesional.',
              unit: 'Cursos',
              goal: '—',
              physicalQuantity: 2,
              months: [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Coordinar la impartición de los cursos de formación para el personal de la Rama Administrativa del Instituto.',
              unit: 'Cursos',
              goal: 'Fomentar el desarrollo individual y su desempeño profesional, que le ayude al cumplimiento de las metas y objetivos institucionales.',
              physicalQuantity: 2,
              months: [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Aplicar la evaluación de las actividades de capacitación a los Miembros del Servicio Profesional Electoral.',
              unit: 'Evaluación',
              goal: '—',
              physicalQuantity: 2,
              months: [0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0],
            },
            {
              lineOfAction:
                'Realizar las tareas de apoyo al Concurso Público para ocupar cargos y puestos del Servicio Profesional Electoral Nacional.',
              unit: 'Difusión',
              goal: 'Seleccionar a los concursantes con el perfil idóneo para ocupar el cargo y puesto correspondiente del SPEN.',
              physicalQuantity: 5,
              months: [0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0],
            },
          ],
        },

        // 5.2
        {
          number: '5.2',
          title:
            'Seguimiento al Programa de Evaluación y entrega de Incentivos a los integrantes del Servicio Profesional Electoral Nacional adscritos al Instituto Electoral de Michoacán.',
          parentTitle: CAP_5,
          generalObjective:
            'Fomentar el desarrollo individual y desempeño profesional, que ayude al cumplimiento de las metas y objetivos institucionales.',
          specificObjectives: [
            {
              letter: 'a',
              text: 'Dar seguimiento puntual a las actividades institucionales relativas al cumplimiento de las metas colectivas e individuales de los MSPEN.',
              linesOfAction: [
                'Atener las dudas y brindar orientación en el cumplimiento de metas de los integrantes del MSPEN.',
                'Coordinar las evaluaciones de metas individuales y competencias clave de los MSPEN.',
                'Recibir y notificar los resultados de las evaluaciones individuales y de las competencias clave.',
                'Notificar a la DESPEN la aprobación del Dictamen General de resultados de los MSPEN.',
                'Elaborar los dictámenes para la entrega de los incentivos a los Miembros del Servicio Profesional Electoral Nacional.',
                'Dar seguimiento a la entrega de los incentivos económicos a los miembros del Servicio Profesional Electoral Nacional, que formen parte del universo de elegibles.',
                'Notificar a la DESPEN la entrega de los incentivos.',
              ],
            },
            {
              letter: 'b',
              text: 'Tener las bases sobre las cuales reconocer el desempeño individual excepcional en el cumplimiento de los objetivos institucionales de los MSPEN.',
              linesOfAction: [
                'Dar seguimiento a las actividades institucionales de los MSPEN.',
                'Proporcionar los insumos necesarios al Consejo General para que se elabore el Dictamen General de resultados de los MSPE.',
              ],
            },
          ],
          legalBasis: [
            'Constitución Política de los Estados Unidos Mexicanos.',
            'Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
            'Código Electoral del Estado de Michoacán de Ocampo.',
            'Ley General de Instituciones y Procedimientos Electorales.',
            'Estatuto de Servicio Profesional Electoral Nacional y de la Rama Administrativa.',
            'Criterios Generales y Lineamientos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Reglamento Interior del Instituto Electoral de Michoacán.',
            'Lineamientos para la Evaluación del Desempeño de los MSPEN del Sistema OPLE.',
            'Lineamientos para el otorgamiento de incentivos aprobados por el INE.',
            'Acuerdos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Acuerdos aprobados por el Consejo General del Instituto Electoral de Michoacán.',
          ],
          schedule: [
            {
              lineOfAction: 'Dar seguimiento a las actividades institucionales de los MSPEN.',
              unit: 'Metas',
              goal: 'Un desarrollo integral laboral más eficiente de los MSPEN.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Atener las dudas y brindar orientación en el cumplimiento de metas de los integrantes del MSPEN',
              unit: 'Documento',
              goal: 'Para que los MSPEN del IEM cuenten con una mejor preparación y especialización en la materia.',
              physicalQuantity: 6,
              months: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
            },
            {
              lineOfAction: 'Coordinar las evaluaciones de metas individuales y competencias clave de los MSPEN.',
              unit: 'Informe',
              goal: 'Regular el procedimiento correspondiente de dichas evaluaciones.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Recibir y notificar los resultados de las evaluaciones individuales y de las competencias clave.',
              unit: 'Notificaciones',
              goal: 'Efectuar el programa de formación y capacitación que auxilie al perfeccionamiento de competencias de los MSPE.',
              physicalQuantity: 15,
              months: [0, 0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Proporcionar los insumos necesarios al Consejo General para que se elabore el Dictamen General de resultados de los MSPE.',
              unit: 'Documento',
              goal: 'Regular el procedimiento correspondiente.',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction: 'Notificar a la DESPEN la aprobación del Dictamen General de resultados de los MSPEN.',
              unit: 'Notificaciones',
              goal: 'Efectuar el programa de formación y capacitación que auxilie al perfeccionamiento de competencias de los MSPE.',
              physicalQuantity: 15,
              months: [0, 0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Elaborar los dictámenes para la entrega de los incentivos a los Miembros del Servicio Profesional Electoral Nacional.',
              unit: 'Documento',
              goal: '—',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Dar seguimiento a la entrega de los incentivos económicos a los miembros del Servicio Profesional Electoral Nacional, que formen parte del universo de elegibles.',
              unit: 'Incentivo',
              goal: 'Concretar de manera eficiente el Programa de Evaluación y entrega de Incentivos a los integrantes del SPEN adscritos al Instituto Electoral de Michoacán.',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction: 'Notificar a la DESPEN la entrega de los incentivos.',
              unit: 'Documento',
              goal: '—',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
            },
          ],
        },

        // 6.1
        {
          number: '6.1',
          title:
            'Suscripción de convenios de colaboración con el Instituto Nacional Electoral, Organismos Públicos Locales Electorales de las Entidades Federativas, los distintos niveles de gobierno e Instituciones Académicas.',
          parentTitle: CAP_6,
          generalObjective:
            'Promover los vínculos que permitan una adecuada coordinación entre el IEM y el INE, y fomentar la relación con otros OPLE, Instituciones Académicas y de Gobierno que fortalezcan la ejecución de las tareas inherentes a la función electoral en el ámbito local.',
          specificObjectives: [
            {
              letter: 'a',
              text: 'Generar mecanismos e instrumentos jurídicos de colaboración con el Instituto Nacional Electoral (firma de convenio específico de coordinación y colaboración con el fin establecer las bases de coordinación para hacer efectiva la realización del proceso electoral).',
              linesOfAction: [
                'Dar seguimiento a las actividades institucionales con motivo del análisis de los Proyectos de Convenio y Anexos Técnicos.',
                'Coordinar la suscripción y firma de los Convenios que se celebren entre el IEM y el INE.',
              ],
            },
            {
              letter: 'b',
              text: 'Generar mecanismos e instrumentos jurídicos de colaboración con otros Organismos Públicos Locales Electorales de las Entidades Federativas.',
              linesOfAction: [
                'Coordinar la suscripción y firma de los Convenios que se celebren entre el IEM y otros Organismos Públicos Locales Electorales.',
              ],
            },
            {
              letter: 'c',
              text: 'Generar mecanismos e instrumentos jurídicos de colaboración con los distintos niveles de Gobierno.',
              linesOfAction: ['Coordinar la suscripción y firma de los Convenios que se celebren entre el IEM e Instituciones de Gobierno.'],
            },
            {
              letter: 'd',
              text: 'Generar mecanismos e instrumentos jurídicos de colaboración con Instituciones Académicas.',
              linesOfAction: ['Coordinar la suscripción y firma de los Convenios que se celebren entre el IEM e Instituciones Académicas.'],
            },
          ],
          legalBasis: [
            'Constitución Política de los Estados Unidos Mexicanos.',
            'Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
            'Código Electoral del Estado de Michoacán de Ocampo.',
            'Ley General de Instituciones y Procedimientos Electorales.',
            'Ley General de Archivos.',
            'Criterios Generales y Lineamientos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Reglamento Interior del Instituto Electoral de Michoacán.',
            'Acuerdos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Acuerdos aprobados por el Consejo General del Instituto Electoral de Michoacán.',
          ],
          schedule: [
            {
              lineOfAction: 'Coordinar la suscripción y firma de los Convenios que se celebren entre el IEM y el INE.',
              unit: 'Convenio',
              goal: 'Materializar la celebración y firma de Convenios de Coordinación entre ambos órganos electorales.',
              physicalQuantity: 2,
              months: [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
            },
            {
              lineOfAction:
                'Coordinar la suscripción y firma de los Convenios que se celebren entre el IEM y otros Organismos Públicos Locales Electorales.',
              unit: 'Convenio',
              goal: 'Materializar la celebración y firma de Convenios de Colaboración entre el IEM y otros órganos electorales.',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction: 'Coordinar la suscripción y firma de los Convenios que se celebren entre el IEM e Instituciones de Gobierno.',
              unit: 'Convenio',
              goal: 'Materializar la celebración y firma de Convenios de Colaboración entre el IEM e Instituciones de Gobierno.',
              physicalQuantity: 3,
              months: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0],
            },
            {
              // The seed prints the two 1s past the "Dic" column; read as the last two months.
              lineOfAction: 'Coordinar la suscripción y firma de los Convenios que se celebren entre el IEM e Instituciones Académicas.',
              unit: 'Convenio',
              goal: 'Materializar la celebración y firma de Convenios de Colaboración entre el IEM e Instituciones Académicas.',
              physicalQuantity: 2,
              months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
            },
          ],
        },

        // 6.2
        {
          number: '6.2',
          title:
            'Seguimiento a Convenios de colaboración celebrados con el Instituto Nacional Electoral, Organismos Públicos Locales Electorales de las Entidades Federativas y con los distintos niveles de gobierno e Instituciones Académicas.',
          parentTitle: CAP_6,
          generalObjective:
            'Hacer efectivo el cumplimiento de los Convenios de Coordinación celebrados por el IEM con el INE, otros Organismos Públicos Locales, Instituciones de Gobierno o Académicas y la atención de las solicitudes planteadas por el INE al IEM.',
          specificObjectives: [
            {
              letter: 'a',
              text: 'Promover la creación de mecanismos de seguimiento al cumplimiento de los Convenios de Coordinación celebrados por el IEM con el INE, otros Organismos Públicos Locales, Instituciones de Gobierno o Académicas.',
              linesOfAction: [
                'Promover la calendarización de compromisos y actividades previstas en los convenios de Coordinación que se celebren con el INE.',
                'Promover la calendarización de compromisos y actividades previstas en los convenios de Coordinación que se celebren con otros Organismos Públicos Locales.',
                'Promover la calendarización de compromisos y actividades previstas en los convenios de Coordinación que se celebren con Instituciones Académicas.',
                'Promover la construcción, implementación y operación de un módulo de seguimiento a calendarios de actividades de convenios en el "Sistema Integral de Seguimiento Documental y Archivo Digital".',
              ],
            },
            {
              letter: 'b',
              text: 'Fortalecer la comunicación interinstitucional a través del adecuado seguimiento y atención de las solicitudes realizadas por el INE, y el envío de información y documentos del IEM a través del SIVOPLE y de la Plataforma de Seguimiento a las Sesiones del Consejo General del IEM.',
              linesOfAction: [
                "Notificar a los Consejeros Electorales, Secretaría Ejecutiva y a las diversas Direcciones, Coordinaciones y áreas operativas del IEM, solicitudes de información, Resoluciones, Acuerdos, Lineamientos, respuestas a consultas realizadas por los diversos OPLE's u otros documentos enviados por el INE a través del Módulo de seguimiento del SIVOPLE, según sus atribuciones y competencias.",
                'Enviar oportunamente a través del Módulo de documentos del SIVOPLE, al INE, las solicitudes, Acuerdos, Resoluciones, Consultas u otros documentos emitidos por el Consejo General, Presidencia, secretaría, Direcciones Ejecutivas, o Coordinaciones del IEM.',
                'Realizar mensualmente, una bitácora de seguimiento de los Módulos del SIVOPLE, respecto de las diversas solicitudes enviadas por el INE, para dar cuenta de su seguimiento y atención a la Comisión de Vinculación y Servicio Profesional del IEM, así como de las solicitudes y documentos enviados por el IEM al INE.',
                'Cargar la información requerida en la Plataforma de Seguimiento de Sesiones del Consejo General del IEM, implementada por el INE.',
                'Dar seguimiento a las sesiones de Consejo General, Junta General, así como de las Comisiones del INE.',
                'Elaborar tarjetas informativas del desarrollo de las sesiones de Consejo General del INE, para conocimiento de los Consejeros Electorales del IEM.',
              ],
            },
            {
              letter: 'c',
              text: 'Impulsar, con el uso de las nuevas tecnologías de la información, elevar la calidad de la comunicación interna entre la DEVySPE y las distintas áreas del IEM, para mejorar el cumplimiento de las solicitudes del INE y coadyuvar en el cumplimiento de las actividades y objetivos relativos al archivo institucional y las obligaciones de transparencia y acceso a la información.',
              linesOfAction: [
                'Finalizar la construcción, implementación y operación del sistema informático "Sistema Integral de Seguimiento Documental y Archivo Digital", del IEM, en su fase de seguimiento documental y archivo digital.',
                'Promover que las notificaciones que se realicen a las distintas áreas del IEM, respecto de las solicitudes hechas por el INE al IEM, y los documentos enviados por el IEM al INE, se haga a través del uso del módulo correspondiente a las distintas áreas del IEM, en el “Sistema Integral de Seguimiento Documental y Archivo Digital”.',
              ],
            },
            {
              letter: 'd',
              text: 'Fortalecer la comunicación entre la DEVySPE y las diversas áreas operativas del IEM, con la finalidad de facilitar el flujo de información entre el INE y el IEM.',
              linesOfAction: [
                'Elaborar tarjetas informativas para los Consejeros Electorales, Secretaría Ejecutiva, Direcciones Ejecutivas, Coordinaciones y áreas operativas del IEM, relativas a la documentación e información recibida de las diversas áreas del INE.',
                'Recibir de las áreas operativas del IEM, la documentación e información generada para su envío al INE.',
                'Notificar mediante correo electrónico a las diversas áreas internas del IEM, de las sesiones de Consejo General, Junta General Ejecutiva y Comisiones del INE que puedan resultar de su interés, según la materia que corresponda.',
              ],
            },
            {
              letter: 'e',
              text: 'Fomentar la relación del IEM con otros OPLE, con la finalidad de aprovechar sus experiencias en buenas prácticas en la función electoral.',
              linesOfAction: [
                'Establecer comunicación institucional con los diversos OPLE, para generar contactos y encuentros que permitan compartir experiencias en el cumplimiento de la función electoral.',
              ],
            },
            {
              letter: 'f',
              text: 'Fomentar iniciativas institucionales que permitan al IEM ampliar los canales de comunicación con la ciudadanía.',
              linesOfAction: [
                'Atender las solicitudes de acceso a la información que correspondan.',
                'Realizar Infografías institucionales de acuerdos y resoluciones que emita el Consejo General del IEM, sobre asuntos trascendentes.',
              ],
            },
          ],
          legalBasis: [
            'Constitución Política de los Estados Unidos Mexicanos.',
            'Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
            'Código Electoral del Estado de Michoacán de Ocampo.',
            'Ley General de Instituciones y Procedimientos Electorales.',
            'Ley General de Archivos.',
            'Criterios Generales y Lineamientos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Reglamento Interior del Instituto Electoral de Michoacán.',
            'Acuerdos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Acuerdos aprobados por el Consejo General del Instituto Electoral de Michoacán.',
          ],
          schedule: [
            {
              lineOfAction:
                'Promover la calendarización de compromisos y actividades previstas en los convenios de Coordinación que se celebren con el INE.',
              unit: 'Calendario de actividades',
              goal: 'Hacer efectivo el cumplimiento de compromisos contraídos por el IEM en los Convenios de Coordinación que se celebren con el INE.',
              physicalQuantity: 9,
              months: [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              // As printed: 9 units but ten 1s (Ene–Oct).
              lineOfAction:
                'Promover la calendarización de compromisos y actividades previstas en los convenios de Coordinación que se celebren con otros Organismos Públicos Locales.',
              unit: 'Calendario de actividades',
              goal: 'Hacer efectivo el cumplimiento de compromisos contraídos por el IEM en los Convenios de Coordinación que se celebren con otros Organismos Públicos Locales',
              physicalQuantity: 9,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0],
            },
            {
              // As printed: 9 units but ten 1s (Ene–Oct).
              lineOfAction:
                'Promover la calendarización de compromisos y actividades previstas en los convenios de Coordinación que se celebren con Instituciones Académicas.',
              unit: 'Calendario de actividades',
              goal: 'Hacer efectivo el cumplimiento de compromisos contraídos por el IEM en los Convenios de Coordinación que se celebren con Instituciones Académicas.',
              physicalQuantity: 9,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0],
            },
            {
              lineOfAction:
                'Promover la construcción, implementación y operación de un módulo de seguimiento a calendarios de actividades de convenios en el "Sistema Integral de Seguimiento Documental y Archivo Digital".',
              unit: 'Plataforma',
              goal: 'Crear una herramienta de seguimiento a calendario de actividades de los Convenios que sea fuente de estadística e informes de cumplimiento',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                "Notificar a los Consejeros Electorales, Secretaría Ejecutiva y a las diversas Direcciones, Coordinaciones y áreas operativas del IEM, solicitudes de información, Resoluciones, Acuerdos, Lineamientos, respuestas a consultas realizadas por los diversos OPLE's u otros documentos enviados por el INE a través del Módulo de seguimiento del SIVOPLE, según sus atribuciones y competencias.",
              unit: 'Tarjeta Informativa',
              goal: 'Propiciar la correcta relación Interinstitucional entre las áreas del IEM a través del permanente flujo de información para el cumplimiento de la función electoral.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Enviar oportunamente a través del Módulo de documentos del SIVOPLE, al INE, las solicitudes, Acuerdos, Resoluciones, Consultas u otros documentos emitidos por el Consejo General, Presidencia, secretaría, Direcciones Ejecutivas, o Coordinaciones del IEM.',
              unit: 'Documento',
              goal: 'Informar oportunamente al INE de lo aprobado por el Consejo General del IEM, y/o hacer de su conocimiento información generada por el IEM.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Realizar mensualmente, una bitácora de seguimiento de los Módulos del SIVOPLE, respecto de las diversas solicitudes enviadas por el INE, para dar cuenta de su seguimiento y atención a la Comisión de Vinculación y Servicio Profesional del IEM, así como de las solicitudes y documentos enviados por el IEM al INE.',
              unit: 'Base de datos',
              goal: 'Generar el oportuno seguimiento y atención a las solicitudes enviadas por el INE, al IEM.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Cargar la información requerida en la Plataforma de Seguimiento de Sesiones del Consejo General del IEM, implementada por el INE.',
              unit: 'Base de datos',
              goal: 'Generar y cargar las bases de datos solicitados en la Plataforma de Seguimiento de sesiones del IEM',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Dar seguimiento a las sesiones de Consejo General, Junta General, así como de las Comisiones del INE.',
              unit: 'Base de datos',
              goal: 'Generar información relevante con relación a lo aprobado en dichas Sesiones para su difusión a las áreas del IEM.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Elaborar tarjetas informativas del desarrollo de las sesiones de Consejo General del INE, para conocimiento de los Consejeros Electorales del IEM.',
              unit: 'Tarjeta Informativa',
              goal: 'Enterar a los integrantes del Consejo General del IEM, de lo aprobado en dichas Sesiones.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Impulsar la construcción, implementación y operación del sistema informático "Sistema Integral de Seguimiento Documental y Archivo Digital", del IEM, en su fase de seguimiento documental y archivo digital.',
              unit: 'Plataforma',
              goal: 'Crear una herramienta informática para impulsar la calidad de la comunicación institucional interna, el seguimiento de actividades, y el archivo digital del IEM para la Transparencia.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Promover que las notificaciones que se realicen a las distintas áreas del IEM, respecto de las solicitudes hechas por el INE al IEM, y los documentos enviados por el IEM al INE, se haga a través del uso del módulo correspondiente a las distintas áreas del IEM, en el "Sistema Integral de Seguimiento Documental y Archivo Digital".',
              unit: 'Base de datos',
              goal: 'Propiciar un mecanismo de seguimiento de actividades y del archivo digital que fortalezca la transparencia, y haga del ahorro de papel en una práctica institucional de buenas practica en la administración de los recursos',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Elaborar tarjetas informativas para los Consejeros Electorales, Secretaría Ejecutiva, Direcciones Ejecutivas, Coordinaciones y áreas operativas del IEM, relativas a la documentación e información recibida de las diversas áreas del INE.',
              unit: 'Tarjeta Informativa',
              goal: 'Enterar a las áreas operativas del IEM de la información remitida por el INE al IEM, conforme a sus atribuciones normativas.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Recibir de las áreas operativas del IEM, la documentación e información generada para su envío al INE.',
              unit: 'Documentos',
              goal: 'Enviar al INE a través del SIVOPLE, respuestas a solicitudes realizadas por el INE o hacer de su conocimiento información generada por el IEM.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Notificar mediante correo electrónico a las diversas áreas internas del IEM, de las sesiones de Consejo General, Junta General Ejecutiva y Comisiones del INE que puedan resultar de su interés, según la materia que corresponda.',
              unit: 'Correo Electrónico',
              goal: 'Enterar a las áreas del IEM, conforme a sus atribuciones, de los asuntos a tratar y en su caso a aprobar por el INE',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Establecer comunicación institucional con los diversos OPLE, para generar contactos y encuentros que permitan compartir experiencias en el cumplimiento de la función electoral.',
              unit: 'Correos electrónicos Llamada telefónica',
              goal: 'Fortalecer las relaciones institucionales para enriquecer las buenas prácticas en la función electoral.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction: 'Atender las solicitudes de acceso a la información que correspondan.',
              unit: 'Documento',
              goal: 'Cumplir las obligaciones del IEM en materia de acceso a la información pública, que coadyuve a la máxima publicidad, la transparencia y la rendición de cuentas.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            {
              lineOfAction:
                'Realizar Infografías institucionales de acuerdos y resoluciones que emita el Consejo General del IEM, sobre asuntos trascendentes.',
              unit: 'Infografía',
              goal: 'Impulsar la comunicación Institucional hacia la ciudadanía.',
              physicalQuantity: 12,
              months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            },
          ],
        },

        // 6.3
        {
          number: '6.3',
          title:
            'Programa de Evaluación del Desempeño de los Órganos Desconcentrados durante el proceso electoral ordinario 2020-2021.',
          parentTitle: CAP_6,
          generalObjective:
            'Operar las actividades de capacitación que fortalezcan las competencias del personal para el desempeño del cargo.',
          specificObjectives: [
            {
              letter: 'a',
              text: 'Diseñar un programa de Evaluación del Desempeño para los integrantes de los Órganos Desconcentrados del Instituto Electoral Michoacán que permita medir el cumplimiento de metas individuales y colectivas para medir el funcionamiento de los Consejos Distritales y Municipales durante el Proceso Electoral 2020-2021.',
              linesOfAction: [
                'Integrar y Proponer un lineamiento para el diseño de metas de las áreas ejecutivas del Instituto Electoral de Michoacán para los integrantes de los Órganos Desconcentrados.',
                'Presentar a la Comisión de Vinculación y Servicio Profesional Electoral el Lineamiento para el Diseño de Metas, para aprobación en su caso.',
                'Efectuar reunión de capacitación con las distintas áreas ejecutivas del Instituto para socializar los lineamientos.',
                'Dar seguimiento a la conformación de las propuestas de metas por las áreas ejecutivas del Instituto.',
                'Integrar el documento que concentre las propuestas de metas para someterlas a consideración de la Comisión de Vinculación y Servicio Profesional Electoral.',
                'Dar seguimiento a los ajustes requeridos a las áreas ejecutivas del Instituto en el proceso de generación de metas para la evaluación del desempeño.',
                'Elaborar el Proyecto de Acuerdo para aprobación de las metas individuales y colectivas de los integrantes de los órganos desconcentrados del Instituto.',
                'Preparar las presentaciones de las metas de evaluación del desempeño de conformidad con los cargos que integran los Órganos Desconcentrados.',
                'Participar en las reuniones de capacitación a órganos desconcentrados para socializar las metas de evaluación de desempeño que habrán de atender durante el Proceso Electoral Ordinario 2020-2021.',
              ],
            },
          ],
          legalBasis: [
            'Constitución Política de los Estados Unidos Mexicanos.',
            'Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.',
            'Código Electoral del Estado de Michoacán de Ocampo.',
            'Ley General de Instituciones y Procedimientos Electorales.',
            'Ley General de Partidos Políticos.',
            'Criterios Generales y Lineamientos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Reglamento de Elecciones.',
            'Reglamento Interior del Instituto Electoral de Michoacán.',
            'Acuerdos aprobados por el Consejo General del Instituto Nacional Electoral.',
            'Acuerdos aprobados por el Consejo General del Instituto Electoral de Michoacán.',
          ],
          schedule: [
            {
              lineOfAction:
                'Integrar y Proponer un lineamiento para el diseño de metas de las áreas ejecutivas del Instituto Electoral de Michoacán para los integrantes de los Órganos Desconcentrados.',
              unit: 'Documento',
              goal: 'Evaluar el desempeño de los miembros de los Órganos Desconcentrados del IEM.',
              physicalQuantity: 2,
              months: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Presentar a la Comisión de Vinculación y Servicio Profesional Electoral el Lineamiento para el Diseño de Metas, para aprobación en su caso.',
              unit: 'Acuerdo',
              goal: 'Coadyubar y colaborar con el diseño de metas.',
              physicalQuantity: 1,
              months: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Efectuar reunión de capacitación con las distintas áreas ejecutivas del Instituto para socializar los lineamientos.',
              unit: 'Reunión',
              goal: 'Todo el personal del Instituto conozco los lineamientos para su cabal cumplimiento.',
              physicalQuantity: 1,
              months: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction: 'Dar seguimiento a la conformación de las propuestas de metas por las áreas ejecutivas del Instituto.',
              unit: 'Documento',
              goal: 'Llevar a cabo un proceso adecuado para el diseño de metas, conforme a los requerimientos apropiados a cada área.',
              physicalQuantity: 2,
              months: [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Integrar el documento que concentre las propuestas de metas para someterlas a consideración de la Comisión de Vinculación y Servicio Profesional Electoral.',
              unit: 'Documento',
              goal: 'Llevar a cabo el proceso correspondiente con el apoyo del área',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Dar seguimiento a los ajustes requeridos a las áreas ejecutivas del Instituto en el proceso de generación de metas para la evaluación del desempeño.',
              unit: 'Documento',
              goal: 'Coadyubar y colaborar con el diseño de metas.',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
            },
            {
              lineOfAction:
                'Elaborar el Proyecto de Acuerdo para aprobación de las metas individuales y colectivas de los integrantes de los órganos desconcentrados del Instituto.',
              unit: 'Documento',
              goal: 'Las operaciones y labores del Proceso Electoral se desarrollen puntualmente en cada Órgano desconcentrado.',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
            },
            {
              lineOfAction:
                'Preparar las presentaciones de las metas de evaluación del desempeño de conformidad con los cargos que integran los Órganos Desconcentrados.',
              unit: 'Documento',
              goal: 'Contar con un dictamen de evaluación.',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
            },
            {
              lineOfAction:
                'Participar en las reuniones de capacitación a órganos desconcentrados para socializar las metas de evaluación de desempeño que habrán de atender durante el Proceso Electoral Ordinario 2020-2021.',
              unit: 'Capacitación',
              goal: 'Dar el debido seguimiento a las acciones del Proceso Electoral.',
              physicalQuantity: 1,
              months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            },
          ],
        },
      ],
      approval:
        'El presente documento fue aprobado en Sesión Ordinaria de la Comisión de Vinculación y Servicio Profesional Electoral, celebrada el día 29 de noviembre de 2019 dos mil diecinueve, por unanimidad de votos de los Consejeros Electorales presentes de la Comisión.',
    },
  ],

  calendars: [
    {
      commission: 'CVSPE',
      year: 2020,
      title: 'Calendario de Sesiones Ordinarias 2020',
      entries: [
        { month: 1, from: '2020-01-27', to: '2020-01-31', label: 'Del lunes 27 al viernes 31' },
        { month: 2, from: '2020-02-24', to: '2020-02-28', label: 'Del lunes 24 al viernes 28' },
        { month: 3, from: '2020-03-23', to: '2020-03-31', label: 'Del lunes 23 al martes 31' },
        { month: 4, from: '2020-04-27', to: '2020-04-30', label: 'Del lunes 27 al jueves 30' },
        { month: 5, from: '2020-05-25', to: '2020-05-29', label: 'Del lunes 25 al viernes 29' },
        { month: 6, from: '2020-06-22', to: '2020-06-30', label: 'Del lunes 22 al martes 30' },
        { month: 7, from: '2020-07-13', to: '2020-07-17', label: 'Del lunes 13 al viernes 17' },
        // As printed; 31 August 2020 was a Monday.
        { month: 8, from: '2020-08-24', to: '2020-08-31', label: 'Del lunes 24 al viernes 31' },
        // As printed; 30 September 2020 was a Wednesday.
        { month: 9, from: '2020-09-23', to: '2020-09-30', label: 'Del miércoles 23 al viernes 30' },
        { month: 10, from: '2020-10-26', to: '2020-10-30', label: 'Del lunes 26 al viernes 30' },
        { month: 11, from: '2020-11-23', to: '2020-11-30', label: 'Del lunes 23 al lunes 30' },
        { month: 12, from: '2020-12-28', to: '2020-12-31', label: 'Del lunes 28 al jueves 31' },
      ],
      note: 'Las fechas son de carácter enunciativo, no limitativo, ya que están sujetas a las agendas de trabajo de los Consejero Electorales integrantes de Comisión.',
    },
  ],
};
