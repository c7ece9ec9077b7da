// The smallest real use of the @keyway/stack-auth server client: create it, make one call.
import { createStackAuthServerClient } from "@keyway/stack-auth";

const stack = createStackAuthServerClient({ projectId: "YOUR_PROJECT_ID", secretServerKey: "YOUR_SECRET_SERVER_KEY" });
const { data } = await stack.GET("/users/{user_id}", { params: { path: { user_id: "user_example" } } });
console.log(data);
