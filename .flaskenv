FLASK_APP=bot:create_app
