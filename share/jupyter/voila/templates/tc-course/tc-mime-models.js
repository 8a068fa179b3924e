// Every renderer a labextension's mime extension creates is handed a mime model (see
// index.html.j2, fix 3).
  (function () {
    function mimeModel(output) {
      return {
        trusted: Boolean(output.trusted),
        data: output.data || {},
        metadata: output.metadata || {},
        setData: function (options) {
          this.data = options.data || this.data;
          this.metadata = options.metadata || this.metadata;
        }
      };
    }
    var wrapped = new WeakSet();
    function withMimeModels(module) {
      if (!module || typeof module !== "object") return module;
      var items = Object.prototype.hasOwnProperty.call(module, "__esModule") ? module.default : module;
      [].concat(items).forEach(function (item) {
        var factory = item && item.rendererFactory;
        if (!factory || wrapped.has(factory)) return;
        wrapped.add(factory);
        var createRenderer = factory.createRenderer;
        factory.createRenderer = function (options) {
          var renderer = createRenderer.call(factory, options);
          var renderModel = renderer.renderModel;
          renderer.renderModel = function (model) {
            var usable = typeof model.setData === "function" ? model : mimeModel(model);
            return renderModel.call(renderer, usable);
          };
          return renderer;
        };
      });
      return module;
    }
    // Labextensions register their module federation containers here; Voila then asks each
    // container for its modules, which arrive already wrapped.
    window._JUPYTERLAB = new Proxy(window._JUPYTERLAB || {}, {
      set: function (containers, name, container) {
        if (!container || typeof container.get !== "function") {
          containers[name] = container;
          return true;
        }
        containers[name] = {
          init: function (scope, initScope) { return container.init(scope, initScope); },
          get: function (request) {
            return Promise.resolve(container.get(request)).then(function (factory) {
              return function () { return withMimeModels(factory()); };
            });
          }
        };
        return true;
      }
    });
  })();
