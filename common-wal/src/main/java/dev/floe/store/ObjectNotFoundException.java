package dev.floe.store;

/** The object a read needed does not exist, for example because cleanup deleted it. */
public class ObjectNotFoundException extends ObjectStoreException {
  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(String key) {
    super("object not found: " + key);
  }
}
