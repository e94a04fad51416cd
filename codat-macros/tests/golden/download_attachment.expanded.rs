impl ConnectionManagement<'_> {
    pub async fn download_attachment(
        self,
        bill_id: &str,
        attachment_id: &str,
    ) -> Result<Download, Error> {
        use ::codat_client::__private_0_1 as __codat;
        const OPERATION: __codat::Operation = __codat::Operation {
            name: "download_attachment",
            product: ::core::env!("CARGO_PKG_NAME"),
            module: ::core::module_path!(),
            method: __codat::Method::Get,
            template: "/bills/<bill_id>/attachments/<attachment_id>/download",
            path: &[
                __codat::PathPart::Literal("/bills/"),
                __codat::PathPart::Param("bill_id"),
                __codat::PathPart::Literal("/attachments/"),
                __codat::PathPart::Param("attachment_id"),
                __codat::PathPart::Literal("/download"),
            ],
            errors: &[401, 404],
            response: __codat::ResponseKind::Binary,
            ..__codat::Operation::DEFAULTS
        };
        __codat::inventory::submit!(__codat::Declared(& OPERATION));
        let request = __codat::Request::new(&OPERATION, &[&bill_id, &attachment_id]);
        __codat::execute_download(__codat::Resource::codat(&self), request)
            .await
            .map_err(::core::convert::Into::into)
    }
}
