# Statement Archive behind gunicorn, static files served by whitenoise.
# Set DATABASE_URL to a PostgreSQL server with the pg_trgm and unaccent extensions available.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000

WORKDIR /app
# Runtime packages only: the test tools live in requirements-dev.txt.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN SECRET_KEY=collectstatic-only DATABASE_URL=postgres://unused/unused \
    python manage.py collectstatic --noinput

RUN useradd --create-home archive && mkdir -p /app/var && chown archive /app/var
USER archive

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn config.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3}"]
