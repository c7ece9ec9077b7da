import { sharedConfigSharingModules } from "../../vitest.shared.js";

export default sharedConfigSharingModules();
