from django.contrib import admin

from analysis.models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "code")
    search_fields = ("name_fi", "name_sv", "name_en", "code")
    filter_horizontal = ("themes",)
