// Plesk API helpers.
export function siteGet(name: string): string {
  return `<packet version="1.6.3.0">
  <site>
    <get>
      <filter><name>${name}</name></filter>
      <dataset><gen_info/></dataset>
      <dataset><hosting/></dataset>
    </get>
  </site>
</packet>`;
}

export const customer = (login: string) =>
  '<packet version="1.6.3.0"><customer><get><filter><login>' + login +
  '</login></filter><dataset><gen_info/><stat/></dataset></get></customer></packet>';

/* language=XML */
const fragment = "<webspace><del><filter><id>x1</id></filter></del></webspace>";
