/*
 * `npm start`: serves the demo of the five seed sites on http://localhost:8000, with the
 * freshly built drop-in from dist/. The root redirects to /demo/.
 */
export default {
  rootDir: '.',
  port: 8000,
  hostname: 'localhost',
  nodeResolve: false,
  middleware: [
    function demoIndex(context, next) {
      if (context.path === '/') {
        context.redirect('/demo/');
        return undefined;
      }
      return next();
    },
  ],
};
