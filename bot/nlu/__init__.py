"""Training the text model (`flask nlu train`): never imported at run time."""
