namespace Deploy;
