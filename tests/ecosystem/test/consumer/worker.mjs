// The smoke program's entry on workerd: a module worker whose test handler (run by `workerd test`)
// prints the report. BASE_URL is a text binding of the workerd config.
import { smoke } from "./smoke.js";

export default {
  async test(_controller, env) {
    console.log(`SMOKE_REPORT ${JSON.stringify(await smoke(env.BASE_URL))}`);
  },
};
